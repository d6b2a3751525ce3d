import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin behind `FastMCPMacros`: `@Tools`, `@Tool`, `@Schema`, `@Field`.
@main
struct FastMCPMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [ToolsMacro.self, ToolMacro.self, SchemaMacro.self, FieldMacro.self]
}
