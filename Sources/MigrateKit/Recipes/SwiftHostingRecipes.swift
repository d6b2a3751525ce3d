import SwiftSyntax

/// `stateless-opt-in`, `cors-headers` and `auth-missing` for Swift servers hosted on this
/// project's own API (MCPProxy): every `MCPProxyConfiguration(…)`, the `config.stateless = …`
/// assignments to one, the mounts that serve one (`addMCPEndpoint(configuration:…)`,
/// `MCPProxyServer(configuration:…)`) followed to its declaration, and a FastMCP handler built
/// with a `stateless:` that disagrees. Swift servers on swift-sdk's own HTTP transports get
/// advice, as Python servers do. Read with swift-syntax; edits keep the file's layout.
enum SwiftHostingRecipes {
    /// The labels of `MCPProxyConfiguration.init` up to `authentication`, in declaration order.
    static let configurationOrder = ["host", "port", "endpoint", "stateless", "authentication"]
    /// The stack name of sites on MCPProxy.
    static let stack = "swift-mcpproxy"
    /// swift-sdk 0.12.1's HTTP server transports.
    static let sdkTransports: Set<String> = ["StatelessHTTPServerTransport", "StatefulHTTPServerTransport"]

    /// Whether `call` builds an `MCPProxyConfiguration` by its name.
    static func isConfiguration(_ call: FunctionCallExprSyntax) -> Bool {
        ["MCPProxyConfiguration", "MCPProxyConfiguration.init"].contains(call.calledExpression.trimmedDescription)
    }

    static func scan(path: String, bytes: [UInt8]) -> (sites: [Site], findings: [Finding]) {
        guard let file = SwiftSourceFile(path: path, bytes: bytes, stack: stack) else { return ([], []) }
        let modules = file.importedModules
        let facts = Facts(file: file)
        facts.walk(file.tree)
        var judge = Judge(file: file, facts: facts)
        if !modules.isDisjoint(with: ["MCPProxy", "FastMCP"]) { judge.hosting() }
        if modules.contains("MCP") { judge.sdkAdvice() }
        return (judge.sites, judge.findings)
    }

    /// A `let`/`var` binding of the file.
    struct Binding {
        var name: String
        var isLet: Bool
        var initializer: ExprSyntax?
        var type: String?
        var node: PatternBindingSyntax
    }

    /// What one pass over the file saw.
    final class Facts: SyntaxVisitor {
        let file: SwiftSourceFile
        var configurations: [FunctionCallExprSyntax] = []
        var bindings: [String: [Binding]] = [:]
        /// `name.stateless = value`.
        var statelessAssignments: [(base: String, value: ExprSyntax, node: SequenceExprSyntax)] = []
        /// `addMCPEndpoint(…)` and `MCPProxyServer(…)` calls.
        var mounts: [FunctionCallExprSyntax] = []
        /// `….handler(stateless: …)` calls.
        var handlers: [FunctionCallExprSyntax] = []
        /// The first reference to each swift-sdk HTTP transport.
        var transports: [String: DeclReferenceExprSyntax] = [:]

        init(file: SwiftSourceFile) {
            self.file = file
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            if SwiftHostingRecipes.isConfiguration(node) { configurations.append(node) }
            let called = node.calledExpression
            if called.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "addMCPEndpoint"
                || ["MCPProxyServer", "MCPProxyServer.init"].contains(called.trimmedDescription)
            {
                mounts.append(node)
                // `configuration: .init(…)` names no type, but a mount's configuration is one.
                if let argument = node.arguments.first(where: { $0.label?.text == "configuration" }),
                    let inner = argument.expression.as(FunctionCallExprSyntax.self), inner.calledExpression.trimmedDescription == ".init"
                {
                    configurations.append(inner)
                }
            }
            if called.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "handler", node.arguments.count == 1,
                node.arguments.first?.label?.text == "stateless"
            {
                handlers.append(node)
            }
            return .visitChildren
        }

        override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
            let isLet = node.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in node.bindings {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else { continue }
                let type = binding.typeAnnotation?.type.trimmedDescription
                bindings[name, default: []].append(Binding(name: name, isLet: isLet, initializer: binding.initializer?.value, type: type, node: binding))
                // `let c: MCPProxyConfiguration = .init(…)`
                if type == "MCPProxyConfiguration", let call = binding.initializer?.value.as(FunctionCallExprSyntax.self),
                    call.calledExpression.trimmedDescription == ".init"
                {
                    configurations.append(call)
                }
            }
            return .visitChildren
        }

        override func visit(_ node: SequenceExprSyntax) -> SyntaxVisitorContinueKind {
            let elements = Array(node.elements)
            if elements.count == 3, elements[1].is(AssignmentExprSyntax.self),
                let member = elements[0].as(MemberAccessExprSyntax.self), member.declName.baseName.text == "stateless",
                let base = member.base?.as(DeclReferenceExprSyntax.self)
            {
                statelessAssignments.append((base.baseName.text, elements[2], node))
            }
            return .visitChildren
        }

        override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
            let name = node.baseName.text
            if SwiftHostingRecipes.sdkTransports.contains(name), transports[name] == nil { transports[name] = node }
            return .visitChildren
        }

        /// The one binding of `name` in the file (`nil` when there is none, or several).
        func binding(_ name: String) -> Binding? {
            guard let found = bindings[name], found.count == 1 else { return nil }
            return found[0]
        }

        /// The name a configuration call is bound to, when it is a binding's whole initializer.
        func boundName(of call: FunctionCallExprSyntax) -> Binding? {
            bindings.values.joined().first { $0.initializer?.id == ExprSyntax(call).id }
        }

        /// Whether `name` is bound, exactly once, to a configuration call of this file.
        func isConfigurationBinding(_ name: String) -> Bool {
            guard let binding = binding(name), let call = binding.initializer?.as(FunctionCallExprSyntax.self) else { return false }
            return configurations.contains { $0.id == call.id }
        }
    }

    /// The verdicts, from the facts.
    struct Judge {
        let file: SwiftSourceFile
        let facts: Facts
        var sites: [Site] = []
        var findings: [Finding] = []

        init(file: SwiftSourceFile, facts: Facts) {
            self.file = file
            self.facts = facts
        }

        mutating func hosting() {
            for call in facts.configurations { configuration(call) }
            for assignment in facts.statelessAssignments {
                if facts.isConfigurationBinding(assignment.base) {
                    sites.append(statelessValue(assignment.value, at: assignment.node, what: "`\(assignment.base).stateless`"))
                } else if assignment.value.as(BooleanLiteralExprSyntax.self)?.literal.tokenKind != .keyword(.true) {
                    // `configure: { $0.stateless = false }`, a parameter, a property: not followed,
                    // so never taken as stateless.
                    sites.append(file.site(assignment.node, .statelessOptIn, .review,
                                           "`\(assignment.base).stateless = \(assignment.value.trimmedDescription)` may turn a configuration stateful, and `\(assignment.base)` is not a configuration built in this file; make it true"))
                }
            }
            for mount in facts.mounts { self.mount(mount) }
            for handler in facts.handlers { self.handler(handler) }
        }

        private mutating func configuration(_ call: FunctionCallExprSyntax) {
            if let argument = call.arguments.first(where: { $0.label?.text == "stateless" }) {
                sites.append(statelessValue(argument.expression, at: call, what: "`stateless:`"))
            } else if let bound = facts.boundName(of: call), facts.statelessAssignments.contains(where: { $0.base == bound.name }) {
                // `var c = MCPProxyConfiguration(…); c.stateless = …`: the assignment is the site.
            } else if let (edit, placement) = file.insertArgument("stateless", "true", into: call, order: SwiftHostingRecipes.configurationOrder) {
                sites.append(file.site(call, .statelessOptIn, .apply, "`MCPProxyConfiguration` has no `stateless:` (it defaults to false); insert `stateless: true` \(placement)",
                                       [edit], summary: "insert `stateless: true`"))
            } else {
                sites.append(file.site(call, .statelessOptIn, .review, "`MCPProxyConfiguration` has no `stateless:` and no labelled argument to place it by; add `stateless: true`"))
            }
            let cors = call.arguments.first { $0.label?.text == "cors" }
            if let cors {
                sites.append(file.corsSite(cors))
            } else {
                sites.append(file.site(call, .corsHeaders, .already, "no `cors:` argument: `CORSOptions.default` allows `Authorization` and the MCP headers"))
            }
            authentication(call)
            wildcardWithCredentials(call, cors: cors)
        }

        /// A `stateless` value: a literal, a constant of this file, or something to review.
        private func statelessValue(_ value: ExprSyntax, at node: some SyntaxProtocol, what: String) -> Site {
            if let literal = value.as(BooleanLiteralExprSyntax.self) {
                if literal.literal.tokenKind == .keyword(.true) { return file.site(node, .statelessOptIn, .already, "\(what) is true") }
                return file.site(node, .statelessOptIn, .apply, "\(what) is false; set it to true", [SwiftSourceFile.setTrue(literal)],
                                 summary: "set `stateless` to true")
            }
            if let reference = value.as(DeclReferenceExprSyntax.self) {
                let name = reference.baseName.text
                guard let binding = facts.binding(name) else {
                    return file.site(node, .statelessOptIn, .review, "\(what) is `\(name)`, which is not declared once in this file; make sure it is true in production")
                }
                let declared = file.line(binding.node)
                guard let literal = binding.initializer?.as(BooleanLiteralExprSyntax.self) else {
                    return file.site(node, .statelessOptIn, .review, "\(what) is `\(name)`, computed at line \(declared) (\(binding.initializer?.trimmedDescription ?? "no initial value")); make sure it is true in production")
                }
                if literal.literal.tokenKind == .keyword(.true) {
                    return file.site(node, .statelessOptIn, .already, "\(what) is `\(name)`, true at line \(declared)")
                }
                guard binding.isLet else {
                    return file.site(node, .statelessOptIn, .review, "\(what) is `\(name)`, a `var` declared false at line \(declared) that may change; make it true")
                }
                return file.site(node, .statelessOptIn, .apply, "\(what) is `\(name)`, false at line \(declared); set it to true there",
                                 [SwiftSourceFile.setTrue(literal)], summary: "set `\(name)` to true")
            }
            return file.site(node, .statelessOptIn, .review, "\(what) is computed (\(value.trimmedDescription)); make sure it is true in production")
        }

        private mutating func authentication(_ call: FunctionCallExprSyntax) {
            guard let argument = call.arguments.first(where: { $0.label?.text == "authentication" }),
                let disabled = argument.expression.as(FunctionCallExprSyntax.self),
                disabled.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "disabled"
            else { return }
            let remote = disabled.arguments.first { $0.label?.text == "allowRemote" }
            let fix = "pass `authentication: .jwt(verifier)` or `.required { … }` (docs/auth.md)"
            if let remote, remote.expression.as(BooleanLiteralExprSyntax.self)?.literal.tokenKind != .keyword(.false) {
                findings.append(Finding(file: file.path, line: file.line(argument), kind: "auth-missing", advice: AuthMissing.advice(
                    "this `MCPProxyConfiguration` has `authentication: .disabled(allowRemote: \(remote.expression.trimmedDescription))`, which serves without authentication on non-loopback addresses too", fix: fix)))
            } else {
                findings.append(Finding(file: file.path, line: file.line(argument), kind: "auth-missing", advice: AuthMissing.advice(
                    "this `MCPProxyConfiguration` has `authentication: .disabled()` (it serves on loopback only)", fix: fix)))
            }
        }

        /// Credentials allowed for any origin: a browser would send cookies to every site that asks.
        private mutating func wildcardWithCredentials(_ call: FunctionCallExprSyntax, cors: LabeledExprSyntax?) {
            guard let origins = call.arguments.first(where: { $0.label?.text == "allowedOrigins" })?.expression.as(ArrayExprSyntax.self),
                origins.elements.contains(where: { SwiftSourceFile.plainString($0.expression) == "*" }),
                let options = cors.flatMap({ SwiftSourceFile.corsInitializer($0.expression) }),
                let credentials = options.arguments.first(where: { $0.label?.text == "allowCredentials" }),
                credentials.expression.as(BooleanLiteralExprSyntax.self)?.literal.tokenKind == .keyword(.true)
            else { return }
            findings.append(Finding(file: file.path, line: file.line(credentials), kind: "cors-credentials",
                                    advice: "`allowedOrigins: [\"*\"]` with `allowCredentials: true` lets any web page make credentialed calls; list the origins that may, or drop `allowCredentials` (bearer tokens need no cookies)"))
        }

        private mutating func mount(_ call: FunctionCallExprSyntax) {
            let name = call.calledExpression.as(MemberAccessExprSyntax.self) != nil ? "`addMCPEndpoint`" : "`MCPProxyServer`"
            guard let argument = call.arguments.first(where: { $0.label?.text == "configuration" }) else {
                sites.append(file.site(call, .statelessOptIn, .review, "\(name) is given no `configuration:` migrate can read; make sure it is stateless"))
                return
            }
            let expression = argument.expression
            if let inner = expression.as(FunctionCallExprSyntax.self), facts.configurations.contains(where: { $0.id == inner.id }) { return }
            if let reference = expression.as(DeclReferenceExprSyntax.self), facts.isConfigurationBinding(reference.baseName.text) { return }
            sites.append(file.site(argument, .statelessOptIn, .review,
                                   "\(name) serves `\(expression.trimmedDescription)`, which is not built in this file; make sure that configuration has `stateless: true`"))
        }

        private mutating func handler(_ call: FunctionCallExprSyntax) {
            guard let literal = call.arguments.first?.expression.as(BooleanLiteralExprSyntax.self),
                literal.literal.tokenKind == .keyword(.false)
            else { return }
            sites.append(file.site(call, .statelessOptIn, .review,
                                   "`handler(stateless: false)` builds a stateful handler, but the configuration it is served with is (or after this migration will be) stateless; build it with `handler(stateless: configuration.stateless)`"))
        }

        /// Advice for a swift-sdk server on the SDK's own HTTP transport.
        mutating func sdkAdvice() {
            for name in SwiftHostingRecipes.sdkTransports.sorted() {
                guard let reference = facts.transports[name] else { continue }
                let stateful = name == "StatefulHTTPServerTransport"
                findings.append(Finding(file: file.path, line: file.line(reference), kind: "swift-sdk-server", advice:
                    "swift-sdk `\(name)`: host the `MCP.Server` behind `MCPSwiftSDKAdapter` instead, stateless and with a token checked on every request: `let handler = SwiftSDKServerHandler(description: ServerDescription(name: …, version: …, capabilities: [\"tools\": [:]]), timeout: .seconds(30)) { /* build and return the MCP.Server */ }` then `try await MCPProxyServer(configuration: .init(stateless: true, authentication: .jwt(verifier)), handler: handler).runUntilSignalled()` (docs/facade.md, section 8)"))
                sites.append(Site(file: file.path, line: file.line(reference), stack: "swift-sdk", recipe: .statelessOptIn,
                                  outcome: stateful ? .review : .already,
                                  reason: stateful
                                      ? "swift-sdk servers are not edited: follow the swift-sdk-server finding"
                                      : "swift-sdk's `StatelessHTTPServerTransport` keeps no session; the swift-sdk-server finding says how to check tokens on every request",
                                  edit: nil))
            }
        }
    }
}
