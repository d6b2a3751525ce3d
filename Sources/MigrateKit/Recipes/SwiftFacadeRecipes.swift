import SwiftSyntax

/// `stateless-opt-in` and `cors-headers` for Swift servers on our FastMCP facade:
/// `.httpStream(host:port:endpoint:stateless:auth:cors:allowedOrigins:sharedState:)`, read with swift-syntax.
enum SwiftFacadeRecipes {
    /// The labels of `.httpStream`, in declaration order.
    static let parameterOrder = ["host", "port", "endpoint", "stateless", "auth", "cors", "allowedOrigins", "sharedState"]

    static func scan(path: String, bytes: [UInt8]) -> (sites: [Site], findings: [Finding]) {
        guard let file = SwiftSourceFile(path: path, bytes: bytes, stack: "swift-fastmcp") else {
            return ([], [Finding(file: path, line: 1, kind: "unreadable", advice: "not valid UTF-8; not scanned")])
        }
        guard file.importedModules.contains("FastMCP") else { return ([], []) }
        let visitor = Visitor(file: file)
        visitor.walk(file.tree)
        var sites = visitor.sites
        if sites.isEmpty, let stdio = visitor.stdioLine, !visitor.hostsItself {
            sites.append(Site(file: path, line: stdio, stack: "swift-fastmcp", recipe: .statelessOptIn, outcome: .notApplicable,
                              reason: "serves stdio only", edit: nil))
        }
        return (sites, visitor.findings)
    }

    private final class Visitor: SyntaxVisitor {
        let file: SwiftSourceFile
        var sites: [Site] = []
        var findings: [Finding] = []
        var stdioLine: Int?
        /// The file builds an `MCPProxyConfiguration`: the hosting recipes judge it, not "stdio only".
        var hostsItself = false

        init(file: SwiftSourceFile) {
            self.file = file
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: MemberAccessExprSyntax) -> SyntaxVisitorContinueKind {
            if node.declName.baseName.text == "stdio", stdioLine == nil { stdioLine = file.line(node) }
            return .visitChildren
        }

        override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            if SwiftHostingRecipes.isConfiguration(node) { hostsItself = true }
            guard let member = node.calledExpression.as(MemberAccessExprSyntax.self), member.declName.baseName.text == "httpStream",
                member.base == nil || member.base?.trimmedDescription == "Transport"
            else { return .visitChildren }
            sites.append(stateless(node))
            sites.append(cors(node))
            if let auth = node.arguments.first(where: { $0.label?.text == "auth" }),
                auth.expression.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "unauthenticated"
            {
                findings.append(Finding(file: file.path, line: file.line(auth), kind: "auth-missing",
                                        advice: AuthMissing.advice("this `.httpStream` serves HTTP with `auth: .unauthenticated`", fix: "pass `auth: .jwt(…)` or `.custom { … }` (docs/auth.md)")))
            }
            return .visitChildren
        }

        private func stateless(_ call: FunctionCallExprSyntax) -> Site {
            if let argument = call.arguments.first(where: { $0.label?.text == "stateless" }) {
                if let literal = argument.expression.as(BooleanLiteralExprSyntax.self) {
                    if literal.literal.tokenKind == .keyword(.true) { return file.site(call, .statelessOptIn, .already, "`stateless: true` is set") }
                    return file.site(call, .statelessOptIn, .apply, "`stateless: false` flipped to true", [SwiftSourceFile.setTrue(literal)],
                                     summary: "set `stateless` to true")
                }
                return file.site(call, .statelessOptIn, .review,
                                 "`stateless` is computed (\(argument.expression.trimmedDescription)); make sure it is true in production")
            }
            guard let (edit, placement) = file.insertArgument("stateless", "true", into: call, order: SwiftFacadeRecipes.parameterOrder) else {
                return file.site(call, .statelessOptIn, .review, "`.httpStream` has no labelled argument to place `stateless:` by")
            }
            return file.site(call, .statelessOptIn, .apply, "`.httpStream` has no `stateless:`; insert `stateless: true` \(placement)",
                             [edit], summary: "insert `stateless: true`")
        }

        private func cors(_ call: FunctionCallExprSyntax) -> Site {
            guard let argument = call.arguments.first(where: { $0.label?.text == "cors" }) else {
                return file.site(call, .corsHeaders, .already, "no `cors:` argument: FastMCP's default CORS allows `Authorization` and the MCP headers")
            }
            return file.corsSite(argument)
        }
    }
}
