import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@Field`: constraints for a property of a `@Schema` type. It adds nothing itself (`@Schema` reads it).
public struct FieldExpansion: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol, in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard declaration.is(VariableDeclSyntax.self) else {
            throw DiagnosticsError(diagnostics: [Diagnostic(node: node, message: MacroError("field-target", "@Field applies to a stored property of a @Schema type"))])
        }
        return []
    }
}
