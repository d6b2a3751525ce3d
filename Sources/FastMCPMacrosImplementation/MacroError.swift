import SwiftDiagnostics
import SwiftSyntax

/// A macro misuse, reported at the offending syntax.
struct MacroError: Error, DiagnosticMessage {
    let message: String
    let id: String

    var diagnosticID: MessageID { MessageID(domain: "FastMCPMacros", id: id) }
    var severity: DiagnosticSeverity { .error }

    init(_ id: String, _ message: String) {
        self.id = id
        self.message = message
    }
}
