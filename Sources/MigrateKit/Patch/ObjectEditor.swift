import ScriptLexer

/// Edits that keep a file's own style: indentation, quotes, trailing commas, line endings.
struct ObjectEditor {
    let file: ScriptFile

    var newline: String { file.bytes.firstRange(of: [0x0D, 0x0A]) != nil ? "\r\n" : "\n" }

    /// Offset of the first byte of the line holding `offset`.
    func lineStart(_ offset: Int) -> Int {
        var i = offset
        while i > 0, file.bytes[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// The whitespace that starts the line holding `offset`.
    func indentation(at offset: Int) -> String {
        var i = lineStart(offset)
        var out = ""
        while i < file.bytes.count, file.bytes[i] == 0x20 || file.bytes[i] == 0x09 {
            out.append(Character(Unicode.Scalar(file.bytes[i])))
            i += 1
        }
        return out
    }

    /// Whether token `i` is the first non-blank thing on its line.
    func startsLine(_ i: Int) -> Bool {
        let start = lineStart(file.tokens[i].start)
        return file.bytes[start..<file.tokens[i].start].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// One indentation step, guessed from the file (two spaces when it has no indented lines).
    var indentUnit: String {
        for token in file.tokens where startsLine(token.index(in: file)) {
            let indent = indentation(at: token.start)
            if !indent.isEmpty { return indent.hasPrefix("\t") ? "\t" : String(repeating: " ", count: min(indent.count, 4)) }
        }
        return "  "
    }

    /// `key: value` in the key style of `object`'s other properties (quoted or not).
    func entry(_ key: String, _ value: String, in object: ObjectLiteral) -> String {
        if let first = object.properties.first(where: { $0.kind == .value }), file.tokens[first.first].kind == .string {
            let quote = Character(Unicode.Scalar(file.bytes[file.tokens[first.first].start]))
            return "\(quote)\(key)\(quote): \(value)"
        }
        return "\(key): \(value)"
    }

    /// Inserts `text` as the last property of `object` (or element of an array literal spanning
    /// `open...close`), matching its layout.
    func append(_ text: String, open: Int, close: Int, items: [(first: Int, last: Int, comma: Int?)]) -> [TextEdit] {
        let openToken = file.tokens[open]
        let closeToken = file.tokens[close]
        guard let last = items.last else {
            if openToken.line == closeToken.line {
                return [TextEdit(start: openToken.end, end: closeToken.start, replacement: " \(text) ")]
            }
            let indent = indentation(at: closeToken.start)
            return [TextEdit(start: openToken.end, end: closeToken.start, replacement: newline + indent + indentUnit + text + newline + indent)]
        }
        let firstToken = file.tokens[items[0].first]
        let lastEnd = file.tokens[last.last].end
        if firstToken.line == openToken.line {  // one line: `{ a: 1, b: 2 }`
            if let comma = last.comma { return [TextEdit(start: file.tokens[comma].end, end: file.tokens[comma].end, replacement: " \(text),")] }
            return [TextEdit(start: lastEnd, end: lastEnd, replacement: ", \(text)")]
        }
        let indent = indentation(at: firstToken.start)
        let trailingComma = last.comma != nil
        var edits: [TextEdit] = []
        if startsLine(close) {
            if !trailingComma { edits.append(TextEdit(start: lastEnd, end: lastEnd, replacement: ",")) }
            let at = lineStart(closeToken.start)
            edits.append(TextEdit(start: at, end: at, replacement: indent + text + (trailingComma ? "," : "") + newline))
        } else {
            let after = last.comma.map { file.tokens[$0].end } ?? lastEnd
            edits.append(TextEdit(start: after, end: after, replacement: (trailingComma ? "" : ",") + newline + indent + text))
        }
        return edits
    }

    /// Appends `key: value` to `object`.
    func insert(_ key: String, _ value: String, into object: ObjectLiteral) -> [TextEdit] {
        append(entry(key, value, in: object), open: object.open, close: object.close,
               items: object.properties.map { ($0.first, $0.last, $0.comma) })
    }

    /// Replaces a property's value.
    func replaceValue(of property: ObjectLiteral.Property, with value: String) -> TextEdit {
        TextEdit(start: file.tokens[property.valueStart].start, end: file.tokens[property.valueEnd].end, replacement: value)
    }

    /// Removes `property` from `object`, with its comma and, when alone on its line, the line.
    func remove(_ property: ObjectLiteral.Property, from object: ObjectLiteral) -> TextEdit {
        let first = file.tokens[property.first]
        let endToken = file.tokens[property.comma ?? property.last]
        let next = (property.comma ?? property.last) + 1
        if startsLine(property.first), next < file.tokens.count, file.tokens[next].line > endToken.line {
            var end = endToken.end
            while end < file.bytes.count, file.bytes[end] != 0x0A { end += 1 }
            return TextEdit(start: lineStart(first.start), end: min(end + 1, file.bytes.count), replacement: "")
        }
        if property.comma != nil {
            return TextEdit(start: first.start, end: file.tokens[next].start, replacement: "")
        }
        if let index = object.properties.firstIndex(where: { $0.first == property.first }), index > 0,
            let comma = object.properties[index - 1].comma
        {
            return TextEdit(start: file.tokens[comma].start, end: endToken.end, replacement: "")
        }
        return TextEdit(start: file.tokens[object.open].end, end: file.tokens[object.close].start, replacement: " ")
    }
}

extension Token {
    /// This token's index in `file` (tokens are unique by start offset).
    fileprivate func index(in file: ScriptFile) -> Int {
        var low = 0
        var high = file.tokens.count - 1
        while low < high {
            let mid = (low + high) / 2
            if file.tokens[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
