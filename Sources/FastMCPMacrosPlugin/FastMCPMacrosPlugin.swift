import FastMCPMacrosImplementation
import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin behind `FastMCPMacros`: `@Tools`, `@Tool`, `@Schema`, `@Field`.
///
/// The expansions live in the FastMCPMacrosImplementation library, so their tests depend on a
/// plain library: a test target that depends on a macro target is built for the host, and on
/// Linux every test target shares one test bundle, so the whole test graph would be built twice.
@main
struct FastMCPMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [ToolsMacro.self, ToolMacro.self, SchemaMacro.self, FieldMacro.self]
}
