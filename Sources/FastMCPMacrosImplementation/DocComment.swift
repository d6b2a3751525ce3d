import SwiftSyntax

/// A declaration's `///` (or `/** */`) documentation, read the way DocC reads it: the text
/// before the callouts is the description; `- Parameter name:` and the items under
/// `- Parameters:` describe parameters (or, on a property, nothing more); other callouts
/// (`- Returns:`, `- Throws:`, `- Note:` …) are left out.
struct DocComment: Equatable {
    /// The summary and discussion: lines of a paragraph joined by spaces, paragraphs by a blank line.
    var text: String?
    /// Parameter descriptions by name.
    var parameters: [String: String]

    /// The documentation in the trivia before `node`'s name: every token up to `stop`.
    init(of node: some SyntaxProtocol, before stop: TokenSyntax? = nil) {
        var lines: [String] = []
        for token in node.tokens(viewMode: .sourceAccurate) {
            if let stop, token.id == stop.id, token.leadingTrivia.allSatisfy({ !$0.isDocComment }) { break }
            for piece in token.leadingTrivia {
                switch piece {
                case .docLineComment(let comment):
                    var line = Substring(comment.dropFirst(3))
                    if line.first == " " { line = line.dropFirst() }
                    lines.append(String(line))
                case .docBlockComment(let comment):
                    let body = comment.dropFirst(3).dropLast(2)
                    for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
                        var line = raw.drop { $0 == " " || $0 == "\t" }
                        if line.first == "*" { line = line.dropFirst(); if line.first == " " { line = line.dropFirst() } }
                        lines.append(String(line))
                    }
                default:
                    continue
                }
            }
            if let stop, token.id == stop.id { break }
        }
        self.init(lines: lines)
    }

    init(lines: [String]) {
        enum State {
            case text
            case parameterList(indent: Int)
            case parameter(String)
            case callout
        }
        var paragraphs: [[String]] = [[]]
        var parameters: [String: String] = [:]
        var state = State.text
        for line in lines {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed.isEmpty {
                state = .text
                if !(paragraphs.last ?? []).isEmpty { paragraphs.append([]) }
                continue
            }
            if let item = Self.item(trimmed) {
                if item.key == "Parameters", item.rest.isEmpty {
                    state = .parameterList(indent: indent)
                    continue
                }
                if case .parameterList(let listIndent) = state, indent > listIndent, Self.isIdentifier(item.key) {
                    parameters[item.key] = item.rest
                    state = .parameter(item.key)
                    continue
                }
                if case .parameter = state, indent > 0, Self.isIdentifier(item.key) {
                    parameters[item.key] = item.rest
                    state = .parameter(item.key)
                    continue
                }
                if item.key.hasPrefix("Parameter "), Self.isIdentifier(String(item.key.dropFirst(10))) {
                    let name = String(item.key.dropFirst(10))
                    parameters[name] = item.rest
                    state = .parameter(name)
                    continue
                }
                if item.key.first?.isUppercase == true, !item.key.contains(" ") {
                    state = .callout  // Returns, Throws, Note, Precondition …
                    continue
                }
            }
            switch state {
            case .text:
                paragraphs[paragraphs.count - 1].append(trimmed)
            case .parameter(let name):
                parameters[name] = [parameters[name] ?? "", trimmed].filter { !$0.isEmpty }.joined(separator: " ")
            case .parameterList, .callout:
                continue
            }
        }
        let text = paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
        self.text = text.isEmpty ? nil : text
        self.parameters = parameters
    }

    /// `- key: rest` split at its first colon.
    static func item(_ line: String) -> (key: String, rest: String)? {
        guard line.hasPrefix("- "), let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: " ")
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: " ")
        return key.isEmpty ? nil : (key, rest)
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension String {
    /// The string without `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Substring {
    /// The substring without `characters` at either end.
    func trimmingCharacters(in characters: String) -> String { String(self).trimmingCharacters(in: characters) }
}

extension TriviaPiece {
    var isDocComment: Bool {
        switch self {
        case .docLineComment, .docBlockComment: return true
        default: return false
        }
    }
}
