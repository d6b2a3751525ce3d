import SwiftParser
import SwiftSyntax

/// One Swift file as the Swift recipes read and edit it: where a node is, how the file indents
/// and ends its lines, and the edits both Swift stacks share (an argument inserted in declaration
/// order, a `CORSOptions(…)` whose header lists are completed).
struct SwiftSourceFile {
    let path: String
    let bytes: [UInt8]
    let tree: SourceFileSyntax
    let stack: String
    private let converter: SourceLocationConverter

    /// Parses `bytes`; `nil` when they are not UTF-8.
    init?(path: String, bytes: [UInt8], stack: String) {
        guard let source = String(validating: bytes, as: UTF8.self) else { return nil }
        self.path = path
        self.bytes = bytes
        self.stack = stack
        tree = Parser.parse(source: source)
        converter = SourceLocationConverter(fileName: path, tree: tree)
    }

    /// The modules the file imports by name (`import MCPProxy`, `@testable import FastMCP`…).
    var importedModules: Set<String> {
        Set(tree.statements.compactMap { $0.item.as(ImportDeclSyntax.self)?.path.first?.name.text })
    }

    /// The 1-based line where `node` starts.
    func line(_ node: some SyntaxProtocol) -> Int {
        converter.location(for: node.positionAfterSkippingLeadingTrivia).line
    }

    /// A site of this file's stack at `node`.
    func site(_ node: some SyntaxProtocol, _ recipe: RecipeName, _ outcome: Outcome, _ reason: String,
              _ edits: [TextEdit] = [], summary: String? = nil) -> Site {
        Site(file: path, line: line(node), stack: stack, recipe: recipe, outcome: outcome, reason: reason,
             edit: edits.isEmpty ? nil : SiteEdit(summary: summary ?? reason, changes: edits))
    }

    /// The file's line ending.
    var newline: String { bytes.firstRange(of: [0x0D, 0x0A]) != nil ? "\r\n" : "\n" }

    /// The spaces and tabs that start the line holding `offset`.
    func indentation(at offset: Int) -> String {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var out = ""
        while start < offset, bytes[start] == 0x20 || bytes[start] == 0x09 {
            out.append(Character(Unicode.Scalar(bytes[start])))
            start += 1
        }
        return out
    }

    /// The edit that replaces a Boolean literal with `true`.
    static func setTrue(_ literal: BooleanLiteralExprSyntax) -> TextEdit {
        TextEdit(start: literal.positionAfterSkippingLeadingTrivia.utf8Offset, end: literal.endPositionBeforeTrailingTrivia.utf8Offset,
                 replacement: "true")
    }

    /// The edit inserting `label: value` into `call` where the declaration `order` puts it: after
    /// the last argument labelled earlier in `order`, else before the first labelled later, on a
    /// line of its own when the arguments are one per line; with where it goes (``after `port:` ``).
    /// `nil` when no labelled argument of `order` is there to place it by.
    func insertArgument(_ label: String, _ value: String, into call: FunctionCallExprSyntax, order: [String]) -> (edit: TextEdit, placement: String)? {
        let arguments = Array(call.arguments)
        guard let position = order.firstIndex(of: label) else { return nil }
        func rank(_ argument: LabeledExprSyntax) -> Int? { argument.label.flatMap { order.firstIndex(of: $0.text) } }
        if let before = arguments.lastIndex(where: { rank($0).map { $0 < position } ?? false }) {
            let previous = arguments[before]
            let placement = "after `\(previous.label?.text ?? ""):`"
            let multiline = before + 1 < arguments.count
                ? arguments[before + 1].leadingTrivia.contains { $0.isNewline }
                : (call.rightParen?.leadingTrivia.contains { $0.isNewline } ?? false)
            if multiline {
                let indent = indentation(at: previous.positionAfterSkippingLeadingTrivia.utf8Offset)
                if let comma = previous.trailingComma {
                    let at = comma.endPositionBeforeTrailingTrivia.utf8Offset
                    return (TextEdit(start: at, end: at, replacement: newline + indent + "\(label): \(value),"), placement)
                }
                let at = previous.expression.endPositionBeforeTrailingTrivia.utf8Offset
                return (TextEdit(start: at, end: at, replacement: "," + newline + indent + "\(label): \(value)"), placement)
            }
            let at = previous.expression.endPositionBeforeTrailingTrivia.utf8Offset
            return (TextEdit(start: at, end: at, replacement: ", \(label): \(value)"), placement)
        }
        guard let next = arguments.first(where: { rank($0).map { $0 > position } ?? false }) else { return nil }
        let placement = "before `\(next.label?.text ?? ""):`"
        let at = next.positionAfterSkippingLeadingTrivia.utf8Offset
        if next.leadingTrivia.contains(where: \.isNewline) {
            return (TextEdit(start: at, end: at, replacement: "\(label): \(value)," + newline + indentation(at: at)), placement)
        }
        return (TextEdit(start: at, end: at, replacement: "\(label): \(value), "), placement)
    }

    /// `cors-headers` for a `cors:` argument: `.default` already allows what MCP needs,
    /// `.disabled` is a review, a `CORSOptions(…)` gets the missing entries of its header lists.
    func corsSite(_ argument: LabeledExprSyntax) -> Site {
        let expression = argument.expression
        if let member = expression.as(MemberAccessExprSyntax.self) {
            switch member.declName.baseName.text {
            case "default": return site(argument, .corsHeaders, .already, "`.default` CORS allows `Authorization` and the MCP headers")
            case "disabled": return site(argument, .corsHeaders, .review, "CORS is disabled: browser clients cannot call this server; enable it if they should")
            default: break
            }
        }
        guard let initializer = Self.corsInitializer(expression) else {
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
                guard let string = Self.plainString(element.expression) else { return site(list, .corsHeaders, .review, "`\(label)` holds computed entries") }
                entries.append(string)
            }
            let add = HeaderLists.missing(wanted, from: entries)
            guard !add.isEmpty else { continue }
            summaries.append("add \(add.joined(separator: ", ")) to the \(name) headers")
            edits.append(appending(add.map { "\"\($0)\"" }, to: array))
        }
        if edits.isEmpty {
            return site(argument, .corsHeaders, .already, "the CORS options allow `Authorization` and the MCP headers")
        }
        return site(argument, .corsHeaders, .apply, summaries.joined(separator: "; "), edits, summary: summaries.joined(separator: "; "))
    }

    /// `CORSOptions(…)`, `.init(…)` or `CORSOptions.init(…)`.
    static func corsInitializer(_ expression: ExprSyntax) -> FunctionCallExprSyntax? {
        guard let call = expression.as(FunctionCallExprSyntax.self),
            ["CORSOptions", ".init", "CORSOptions.init"].contains(call.calledExpression.trimmedDescription)
        else { return nil }
        return call
    }

    /// The text of a string literal without interpolation.
    static func plainString(_ expression: ExprSyntax) -> String? {
        guard let string = expression.as(StringLiteralExprSyntax.self), string.segments.count == 1,
            let segment = string.segments.first?.as(StringSegmentSyntax.self)
        else { return nil }
        return segment.content.text
    }

    /// The edit appending `items` to an array literal, in its layout.
    private func appending(_ items: [String], to array: ArrayExprSyntax) -> TextEdit {
        guard let last = array.elements.last else {
            let at = array.leftSquare.endPositionBeforeTrailingTrivia.utf8Offset
            return TextEdit(start: at, end: array.rightSquare.positionAfterSkippingLeadingTrivia.utf8Offset, replacement: items.joined(separator: ", "))
        }
        let multiline = array.elements.first?.leadingTrivia.contains { $0.isNewline } ?? false
        guard multiline else {
            let at = last.expression.endPositionBeforeTrailingTrivia.utf8Offset
            return TextEdit(start: at, end: at, replacement: ", " + items.joined(separator: ", "))
        }
        let indent = indentation(at: last.positionAfterSkippingLeadingTrivia.utf8Offset)
        let at = last.trailingComma.map { $0.endPositionBeforeTrailingTrivia.utf8Offset } ?? last.expression.endPositionBeforeTrailingTrivia.utf8Offset
        let lead = last.trailingComma == nil ? "," : ""
        let tail = last.trailingComma == nil ? "" : ","
        return TextEdit(start: at, end: at, replacement: lead + items.map { newline + indent + $0 }.joined(separator: ",") + tail)
    }
}
