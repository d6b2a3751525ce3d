import SwiftParser
import SwiftSyntax

/// `stateless-opt-in` and `cors-headers` for Swift servers on our FastMCP facade:
/// `.httpStream(host:port:endpoint:stateless:auth:cors:)`, read with swift-syntax.
enum SwiftFacadeRecipes {
    /// The labels of `.httpStream`, in declaration order.
    static let parameterOrder = ["host", "port", "endpoint", "stateless", "auth", "cors"]

    static func scan(path: String, bytes: [UInt8]) -> (sites: [Site], findings: [Finding]) {
        guard let source = String(validating: bytes, as: UTF8.self) else {
            return ([], [Finding(file: path, line: 1, kind: "unreadable", advice: "not valid UTF-8; not scanned")])
        }
        let tree = Parser.parse(source: source)
        let imports = tree.statements.contains { item in
            item.item.as(ImportDeclSyntax.self)?.path.first?.name.text == "FastMCP"
        }
        guard imports else { return ([], []) }
        let visitor = Visitor(path: path, bytes: bytes, converter: SourceLocationConverter(fileName: path, tree: tree))
        visitor.walk(tree)
        var sites = visitor.sites
        if sites.isEmpty, let stdio = visitor.stdioLine {
            sites.append(Site(file: path, line: stdio, stack: "swift-fastmcp", recipe: .statelessOptIn, outcome: .notApplicable,
                              reason: "serves stdio only", edit: nil))
        }
        return (sites, visitor.findings)
    }

    private final class Visitor: SyntaxVisitor {
        let path: String
        let bytes: [UInt8]
        let converter: SourceLocationConverter
        var sites: [Site] = []
        var findings: [Finding] = []
        var stdioLine: Int?

        init(path: String, bytes: [UInt8], converter: SourceLocationConverter) {
            self.path = path
            self.bytes = bytes
            self.converter = converter
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: MemberAccessExprSyntax) -> SyntaxVisitorContinueKind {
            if node.declName.baseName.text == "stdio", stdioLine == nil { stdioLine = line(node) }
            return .visitChildren
        }

        override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            guard let member = node.calledExpression.as(MemberAccessExprSyntax.self), member.declName.baseName.text == "httpStream",
                member.base == nil || member.base?.trimmedDescription == "Transport"
            else { return .visitChildren }
            sites.append(stateless(node))
            sites.append(cors(node))
            if let auth = node.arguments.first(where: { $0.label?.text == "auth" }),
                auth.expression.as(MemberAccessExprSyntax.self)?.declName.baseName.text == "unauthenticated"
            {
                findings.append(Finding(file: path, line: line(auth), kind: "auth-missing",
                                        advice: AuthMissing.advice("this `.httpStream` serves HTTP with `auth: .unauthenticated`", fix: "pass `auth: .jwt(…)` or `.custom { … }` (docs/auth.md)")))
            }
            return .visitChildren
        }

        private func line(_ node: some SyntaxProtocol) -> Int {
            converter.location(for: node.positionAfterSkippingLeadingTrivia).line
        }

        private func site(_ node: some SyntaxProtocol, _ recipe: RecipeName, _ outcome: Outcome, _ reason: String,
                          _ edits: [TextEdit] = [], summary: String? = nil) -> Site {
            Site(file: path, line: line(node), stack: "swift-fastmcp", recipe: recipe, outcome: outcome, reason: reason,
                 edit: edits.isEmpty ? nil : SiteEdit(summary: summary ?? reason, changes: edits))
        }

        private func stateless(_ call: FunctionCallExprSyntax) -> Site {
            let arguments = Array(call.arguments)
            if let argument = arguments.first(where: { $0.label?.text == "stateless" }) {
                if let literal = argument.expression.as(BooleanLiteralExprSyntax.self) {
                    if literal.literal.tokenKind == .keyword(.true) { return site(call, .statelessOptIn, .already, "`stateless: true` is set") }
                    let edit = TextEdit(start: literal.positionAfterSkippingLeadingTrivia.utf8Offset,
                                        end: literal.endPositionBeforeTrailingTrivia.utf8Offset, replacement: "true")
                    return site(call, .statelessOptIn, .apply, "`stateless: false` flipped to true", [edit], summary: "set `stateless` to true")
                }
                return site(call, .statelessOptIn, .review,
                            "`stateless` is computed (\(argument.expression.trimmedDescription)); make sure it is true in production")
            }
            let order = SwiftFacadeRecipes.parameterOrder
            let position = order.firstIndex(of: "stateless")!
            let before = arguments.lastIndex { argument in
                guard let label = argument.label?.text, let index = order.firstIndex(of: label) else { return false }
                return index < position
            }
            guard let before else {
                return site(call, .statelessOptIn, .review, "`.httpStream` has no `port:` argument to place `stateless:` after")
            }
            let previous = arguments[before]
            let multiline = before + 1 < arguments.count
                ? arguments[before + 1].leadingTrivia.contains { $0.isNewline }
                : (call.rightParen?.leadingTrivia.contains { $0.isNewline } ?? false)
            let edit: TextEdit
            if multiline {
                let indent = indentation(at: previous.positionAfterSkippingLeadingTrivia.utf8Offset)
                if let comma = previous.trailingComma {
                    let at = comma.endPositionBeforeTrailingTrivia.utf8Offset
                    edit = TextEdit(start: at, end: at, replacement: newline + indent + "stateless: true,")
                } else {
                    let at = previous.expression.endPositionBeforeTrailingTrivia.utf8Offset
                    edit = TextEdit(start: at, end: at, replacement: "," + newline + indent + "stateless: true")
                }
            } else {
                let at = previous.expression.endPositionBeforeTrailingTrivia.utf8Offset
                edit = TextEdit(start: at, end: at, replacement: ", stateless: true")
            }
            return site(call, .statelessOptIn, .apply, "`.httpStream` has no `stateless:`; insert `stateless: true` after `\(previous.label?.text ?? ""):`",
                        [edit], summary: "insert `stateless: true`")
        }

        private func cors(_ call: FunctionCallExprSyntax) -> Site {
            guard let argument = call.arguments.first(where: { $0.label?.text == "cors" }) else {
                return site(call, .corsHeaders, .already, "no `cors:` argument: FastMCP's default CORS allows `Authorization` and the MCP headers")
            }
            let expression = argument.expression
            if let member = expression.as(MemberAccessExprSyntax.self) {
                switch member.declName.baseName.text {
                case "default": return site(argument, .corsHeaders, .already, "`.default` CORS allows `Authorization` and the MCP headers")
                case "disabled": return site(argument, .corsHeaders, .review, "CORS is disabled: browser clients cannot call this server; enable it if they should")
                default: break
                }
            }
            guard let initializer = expression.as(FunctionCallExprSyntax.self),
                ["CORSOptions", ".init", "CORSOptions.init"].contains(initializer.calledExpression.trimmedDescription)
            else {
                return site(argument, .corsHeaders, .review, "the `cors:` value is computed (\(expression.trimmedDescription)); make sure it allows \(HeaderLists.allowed.joined(separator: ", "))")
            }
            var edits: [TextEdit] = []
            var summaries: [String] = []
            for (label, wanted, name) in [("allowedHeaders", HeaderLists.allowed, "allowed"), ("exposedHeaders", HeaderLists.exposed, "exposed")] {
                guard let list = initializer.arguments.first(where: { $0.label?.text == label }) else { continue }
                guard let array = list.expression.as(ArrayExprSyntax.self) else {
                    return site(list, .corsHeaders, .review, "`\(label)` is computed (\(list.expression.trimmedDescription))")
                }
                var entries: [String] = []
                for element in array.elements {
                    guard let string = element.expression.as(StringLiteralExprSyntax.self), string.segments.count == 1,
                        let segment = string.segments.first?.as(StringSegmentSyntax.self)
                    else { return site(list, .corsHeaders, .review, "`\(label)` holds computed entries") }
                    entries.append(segment.content.text)
                }
                let add = HeaderLists.missing(wanted, from: entries)
                guard !add.isEmpty else { continue }
                summaries.append("add \(add.joined(separator: ", ")) to the \(name) headers")
                let quoted = add.map { "\"\($0)\"" }
                if let last = array.elements.last {
                    let multiline = array.elements.first?.leadingTrivia.contains { $0.isNewline } ?? false
                    if multiline {
                        let indent = indentation(at: last.positionAfterSkippingLeadingTrivia.utf8Offset)
                        let at = (last.trailingComma ?? nil).map { $0.endPositionBeforeTrailingTrivia.utf8Offset }
                            ?? last.expression.endPositionBeforeTrailingTrivia.utf8Offset
                        let lead = last.trailingComma == nil ? "," : ""
                        let tail = last.trailingComma == nil ? "" : ","
                        edits.append(TextEdit(start: at, end: at,
                                              replacement: lead + quoted.map { newline + indent + $0 }.joined(separator: ",") + tail))
                    } else {
                        let at = last.expression.endPositionBeforeTrailingTrivia.utf8Offset
                        edits.append(TextEdit(start: at, end: at, replacement: ", " + quoted.joined(separator: ", ")))
                    }
                } else {
                    let at = array.leftSquare.endPositionBeforeTrailingTrivia.utf8Offset
                    edits.append(TextEdit(start: at, end: array.rightSquare.positionAfterSkippingLeadingTrivia.utf8Offset,
                                          replacement: quoted.joined(separator: ", ")))
                }
            }
            if edits.isEmpty {
                return site(argument, .corsHeaders, .already, "the CORS options allow `Authorization` and the MCP headers")
            }
            return site(argument, .corsHeaders, .apply, summaries.joined(separator: "; "), edits, summary: summaries.joined(separator: "; "))
        }

        private var newline: String { bytes.firstRange(of: [0x0D, 0x0A]) != nil ? "\r\n" : "\n" }

        private func indentation(at offset: Int) -> String {
            var start = offset
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            var out = ""
            while start < offset, bytes[start] == 0x20 || bytes[start] == 0x09 {
                out.append(Character(Unicode.Scalar(bytes[start])))
                start += 1
            }
            return out
        }
    }
}
