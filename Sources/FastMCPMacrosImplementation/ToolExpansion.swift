import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@Tool`: marks a method of a `@Tools` type as a tool. It adds nothing itself (`@Tools` reads
/// it); it reports a misuse on anything that is not a method.
public struct ToolExpansion: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol, in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard declaration.is(FunctionDeclSyntax.self) else {
            throw DiagnosticsError(diagnostics: [Diagnostic(node: node, message: MacroError("tool-target", "@Tool applies to a method of a @Tools type"))])
        }
        return []
    }
}
