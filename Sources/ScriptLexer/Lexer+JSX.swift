/// JSX markup: tags, attributes and text are markup tokens; every `{…}` container (attribute
/// values, spreads, children) is lexed as code between them, so a JSX element is a run of
/// ``Token/Kind/jsxPart`` tokens with code after each, ended by one ``Token/Kind/jsx`` token.
extension Lexer {
    /// Whether the `<` before `offset` opens an element: `<>` or `<name`, but not a TSX generic
    /// arrow's type parameters (`<T,>` or `<T extends U>`).
    func startsJSX(at offset: Int) -> Bool {
        guard let c = byte(at: offset) else { return false }
        if c == UInt8(ascii: ">") { return true }
        guard isLetter(c) else { return false }
        var i = offset
        while let b = byte(at: i), isIdentifierPart(b) { i += 1 }
        while let b = byte(at: i), isWhitespace(b) { i += 1 }
        if byte(at: i) == UInt8(ascii: ",") { return false }
        if bytes[i...].starts(with: Array("extends".utf8)), let after = byte(at: i + 7), isWhitespace(after) { return false }
        return true
    }

    /// Reads markup from `pos` (an element's `<`, or just after a container's `}`) up to the end of
    /// the outermost element (a `jsx` token) or up to the next `{` (a `jsxPart` token).
    mutating func scanMarkup(_ state: JSXState, start: Int) throws(Failure) -> Token {
        var s = state
        while true {
            if s.inTag {
                skipWhitespace()
                guard let c = byte(at: pos) else { throw Failure(message: "unterminated JSX element", offset: start) }
                switch c {
                case UInt8(ascii: "/"):
                    guard byte(at: pos + 1) == UInt8(ascii: ">") else { throw Failure(message: "malformed JSX tag", offset: pos) }
                    pos += 2
                    s.inTag = false
                    if s.open == 0 { return Token(kind: .jsx, start: start, end: pos, line: 0) }
                case UInt8(ascii: ">"):
                    pos += 1
                    s.inTag = false
                    s.open += 1
                case UInt8(ascii: "{"):
                    return part(s, start: start)
                default:
                    guard isIdentifierStart(c) else { throw Failure(message: "malformed JSX attribute", offset: pos) }
                    skipJSXName()
                    skipWhitespace()
                    guard byte(at: pos) == UInt8(ascii: "=") else { continue }
                    pos += 1
                    skipWhitespace()
                    guard let v = byte(at: pos) else { throw Failure(message: "unterminated JSX element", offset: start) }
                    if v == UInt8(ascii: "\"") || v == UInt8(ascii: "'") {
                        let valueStart = pos
                        pos += 1
                        while pos < bytes.count, bytes[pos] != v { pos += 1 }
                        guard pos < bytes.count else { throw Failure(message: "unterminated JSX attribute", offset: valueStart) }
                        pos += 1
                    } else if v == UInt8(ascii: "{") {
                        return part(s, start: start)
                    } else {
                        throw Failure(message: "JSX attribute value is neither a string nor `{…}`", offset: pos)
                    }
                }
            } else {
                guard let c = byte(at: pos) else { throw Failure(message: "unclosed JSX element", offset: start) }
                if c == UInt8(ascii: "<") {
                    if byte(at: pos + 1) == UInt8(ascii: "/") {
                        pos += 2
                        while pos < bytes.count, bytes[pos] != UInt8(ascii: ">") { pos += 1 }
                        guard pos < bytes.count else { throw Failure(message: "unterminated JSX closing tag", offset: start) }
                        pos += 1
                        s.open -= 1
                        if s.open <= 0 { return Token(kind: .jsx, start: start, end: pos, line: 0) }
                    } else if byte(at: pos + 1) == UInt8(ascii: ">") {
                        pos += 2
                        s.open += 1
                    } else {
                        pos += 1
                        skipJSXName()
                        s.inTag = true
                    }
                } else if c == UInt8(ascii: "{") {
                    return part(s, start: start)
                } else {
                    pos += 1
                }
            }
        }
    }

    /// Markup that stops at a container's `{`; that `{` is read next and opens the container.
    private mutating func part(_ state: JSXState, start: Int) -> Token {
        pendingContainer = state
        return Token(kind: .jsxPart, start: start, end: pos, line: 0)
    }

    private mutating func skipJSXName() {
        while let c = byte(at: pos),
            isIdentifierPart(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
        {
            pos += 1
        }
    }
}
