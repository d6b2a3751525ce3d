import Foundation
import ScriptLexer

/// The CORS header lists a stateless OAuth MCP server needs, and the edits that complete a
/// server's own list (existing entries and order kept, compared case-insensitively, no duplicates).
public enum HeaderLists {
    /// Request headers browsers must be allowed to send.
    public static let allowed = [
        "Content-Type", "Authorization", "Accept", "Mcp-Protocol-Version", "Mcp-Session-Id", "Last-Event-ID",
        "Mcp-Method", "Mcp-Name",
    ]
    /// Response headers browsers must be allowed to read.
    public static let exposed = ["Mcp-Session-Id", "WWW-Authenticate"]

    /// The entries of `wanted` missing from `existing`.
    static func missing(_ wanted: [String], from existing: [String]) -> [String] {
        let have = Set(existing.map { $0.lowercased() })
        return wanted.filter { !have.contains($0.lowercased()) }
    }

    /// What to do with one header list written in the source.
    enum Change {
        case none
        case edits([TextEdit], summary: String)
        case review(String)
    }

    /// Completes the list held by the expression `start...end` (an array of strings or a
    /// comma-separated string). `credentials` says whether the same configuration allows
    /// credentials, which makes `*` a literal name instead of a wildcard.
    static func complete(_ file: ScriptFile, start: Int, end: Int, wanted: [String], credentials: Bool, name: String) -> Change {
        let editor = ObjectEditor(file: file)
        switch ScriptValue(file, start: start, end: end) {
        case .string(let text):
            let separator = text.contains(", ") || !text.contains(",") ? ", " : ","
            let entries = text.split(separator: ",").map { $0.trimming(" ") }.filter { !$0.isEmpty }
            let quote = Character(Unicode.Scalar(file.bytes[file.tokens[start].start]))
            if entries == ["*"] {
                // Without credentials `*` exposes every header, and allows every request header but `Authorization`.
                if !credentials && name == "exposed" { return .none }
                let list = credentials ? wanted : ["*", "Authorization"]
                let summary = credentials
                    ? "replace `*` (taken literally with credentials) with the explicit list"
                    : "add `Authorization` next to `*` (the wildcard does not cover it)"
                return .edits([TextEdit(start: file.tokens[start].start, end: file.tokens[end].end,
                                        replacement: "\(quote)\(list.joined(separator: separator))\(quote)")], summary: summary)
            }
            let add = missing(wanted, from: entries)
            guard !add.isEmpty else { return .none }
            let merged = (entries + add).joined(separator: separator)
            return .edits([TextEdit(start: file.tokens[start].start, end: file.tokens[end].end, replacement: "\(quote)\(merged)\(quote)")],
                          summary: "add \(add.joined(separator: ", ")) to the \(name) headers")
        case .array(let open, let close):
            var entries: [String] = []
            var items: [(first: Int, last: Int, comma: Int?)] = []
            var i = open + 1
            while i < close {
                let itemEnd = file.expressionEnd(from: i, limit: close)
                guard itemEnd > i else { break }
                guard itemEnd - 1 == i, let value = file.stringValue(i) else {
                    return .review("the \(name) headers list holds computed entries (\(file.text(from: i, through: itemEnd - 1)))")
                }
                entries.append(value)
                items.append((i, i, file.isPunctuator(itemEnd, ",") ? itemEnd : nil))
                i = itemEnd + 1
            }
            if entries == ["*"] && credentials {
                return .edits([TextEdit(start: file.tokens[open].end, end: file.tokens[close].start,
                                        replacement: wanted.map { quoted($0, file) }.joined(separator: ", "))],
                              summary: "replace `*` (taken literally with credentials) with the explicit list")
            }
            let add = missing(wanted, from: entries.filter { $0 != "*" } + (entries.contains("*") && name == "exposed" ? wanted : []))
            guard !add.isEmpty else { return .none }
            let quote = items.first.map { Character(Unicode.Scalar(file.bytes[file.tokens[$0.first].start])) } ?? file.preferredQuote
            let text = add.map { "\(quote)\($0)\(quote)" }
            if items.isEmpty || file.tokens[items[0].first].line == file.tokens[open].line {
                return .edits(editor.append(text.joined(separator: ", "), open: open, close: close, items: items),
                              summary: "add \(add.joined(separator: ", ")) to the \(name) headers")
            }
            // One entry per line: the first new entry goes where `append` puts it, the others
            // follow it, each on its own line with the list's indentation.
            let indent = editor.indentation(at: file.tokens[items[0].first].start)
            let rest = text.dropFirst().map { "," + editor.newline + indent + $0 }.joined()
            let edits = editor.append(text[0], open: open, close: close, items: items).map { edit in
                var e = edit
                if !rest.isEmpty, e.replacement.contains(text[0]) { e.replacement = e.replacement.replacingFirst(text[0], with: text[0] + rest) }
                return e
            }
            return .edits(edits, summary: "add \(add.joined(separator: ", ")) to the \(name) headers")
        default:
            return .review("the \(name) headers are computed (\(file.text(from: start, through: end))); make sure they include \(wanted.joined(separator: ", "))")
        }
    }

    private static func quoted(_ s: String, _ file: ScriptFile) -> String {
        let q = file.preferredQuote
        return "\(q)\(s)\(q)"
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
