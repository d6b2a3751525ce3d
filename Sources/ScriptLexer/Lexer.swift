/// A lexer for TypeScript and JavaScript: strings, template literals with nested `${}`, comments,
/// regular-expression literals (told from division by the token before), numbers, punctuators and,
/// when enabled, JSX elements. It never traps: input it cannot read raises a ``LexError``.
public struct Lexer {
    /// Tokenizes `source` (UTF-8; a leading byte-order mark is skipped). `jsx` enables JSX elements,
    /// as in `.jsx`/`.tsx` files.
    public static func tokenize(_ source: [UInt8], jsx: Bool = false) throws(LexError) -> [Token] {
        var lexer = Lexer(bytes: source, jsx: jsx)
        return try lexer.run()
    }

    /// Tokenizes a string; see ``tokenize(_:jsx:)``.
    public static func tokenize(_ source: String, jsx: Bool = false) throws(LexError) -> [Token] {
        try tokenize(Array(source.utf8), jsx: jsx)
    }

    private let bytes: [UInt8]
    private let jsx: Bool
    private var pos = 0
    private var lineCursor = 0
    private var line = 1
    /// Nesting of templates, substitutions and JSX, bounded so hostile input cannot exhaust the stack.
    private var depth = 0
    private static let maxDepth = 512

    private init(bytes: [UInt8], jsx: Bool) {
        self.bytes = bytes
        self.jsx = jsx
    }

    private mutating func run() throws(LexError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        if byte(at: pos) == UInt8(ascii: "#"), byte(at: pos + 1) == UInt8(ascii: "!") {
            let start = pos
            while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
            tokens.append(Token(kind: .comment, start: start, end: pos, line: 1))
        }
        var previous: Token?
        while let token = try scan(after: previous) {
            var located = token
            located.line = lineNumber(at: token.start)
            tokens.append(located)
            if token.kind != .comment { previous = token }
        }
        return tokens
    }

    // MARK: - One token

    /// Scans the next token after skipping whitespace, or returns nil at the end of input.
    private mutating func scan(after previous: Token?) throws(LexError) -> Token? {
        skipWhitespace()
        guard pos < bytes.count else { return nil }
        let start = pos
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            try skipString(quote: c)
            return Token(kind: .string, start: start, end: pos, line: 0)
        case UInt8(ascii: "`"):
            try skipTemplate()
            return Token(kind: .template, start: start, end: pos, line: 0)
        case UInt8(ascii: "/"):
            if byte(at: pos + 1) == UInt8(ascii: "/") {
                while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
                return Token(kind: .comment, start: start, end: pos, line: 0)
            }
            if byte(at: pos + 1) == UInt8(ascii: "*") {
                pos += 2
                while true {
                    guard pos + 1 < bytes.count else { throw error("unterminated block comment", at: start) }
                    if bytes[pos] == UInt8(ascii: "*"), bytes[pos + 1] == UInt8(ascii: "/") { break }
                    pos += 1
                }
                pos += 2
                return Token(kind: .comment, start: start, end: pos, line: 0)
            }
            if regexAllowed(after: previous) {
                try skipRegex()
                return Token(kind: .regex, start: start, end: pos, line: 0)
            }
            return punctuator(start: start)
        case UInt8(ascii: "<") where jsx && regexAllowed(after: previous) && startsJSX(at: pos + 1):
            try skipJSXElement()
            return Token(kind: .jsx, start: start, end: pos, line: 0)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            skipNumber()
            return Token(kind: .number, start: start, end: pos, line: 0)
        case UInt8(ascii: "."):
            if let next = byte(at: pos + 1), isDigit(next) {
                skipNumber()
                return Token(kind: .number, start: start, end: pos, line: 0)
            }
            return punctuator(start: start)
        case UInt8(ascii: "#"):
            if let next = byte(at: pos + 1), isIdentifierStart(next) {
                pos += 1
                try skipIdentifier()
                return Token(kind: .identifier, start: start, end: pos, line: 0)
            }
            return punctuator(start: start)
        default:
            if isIdentifierStart(c) || c == UInt8(ascii: "\\") {
                try skipIdentifier()
                return Token(kind: .identifier, start: start, end: pos, line: 0)
            }
            if c < 0x20 && c != 0x09 {
                throw error("unexpected control byte 0x\(String(c, radix: 16))", at: start)
            }
            return punctuator(start: start)
        }
    }

    // MARK: - Regex or division

    private static let expressionKeywords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await", "extends",
    ]

    /// A `/` starts a regular expression where an expression may begin: at the start, after most
    /// punctuators and after keywords such as `return`; after a value (`)`, `]`, `}`, an identifier,
    /// a literal) it is division.
    private func regexAllowed(after previous: Token?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .number, .string, .template, .regex, .jsx: return false
        case .comment: return true
        case .identifier: return Self.expressionKeywords.contains(text(previous))
        case .punctuator:
            let t = text(previous)
            return !(t == ")" || t == "]" || t == "}" || t == "++" || t == "--")
        }
    }

    private mutating func skipRegex() throws(LexError) {
        let start = pos
        pos += 1
        var inClass = false
        while true {
            guard pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D else {
                throw error("unterminated regular expression", at: start)
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "\\") {
                pos += 2
                continue
            }
            if c == UInt8(ascii: "[") { inClass = true }
            if c == UInt8(ascii: "]") { inClass = false }
            pos += 1
            if c == UInt8(ascii: "/") && !inClass { break }
        }
        while let c = byte(at: pos), isIdentifierPart(c) { pos += 1 }
    }

    // MARK: - Strings and templates

    private mutating func skipString(quote: UInt8) throws(LexError) {
        let start = pos
        pos += 1
        while true {
            guard pos < bytes.count else { throw error("unterminated string", at: start) }
            let c = bytes[pos]
            if c == quote {
                pos += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                pos += 2
                continue
            }
            if c == 0x0A || c == 0x0D { throw error("unterminated string", at: start) }
            pos += 1
        }
    }

    private mutating func skipTemplate() throws(LexError) {
        let start = pos
        try enter(at: start)
        defer { depth -= 1 }
        pos += 1
        while true {
            guard pos < bytes.count else { throw error("unterminated template literal", at: start) }
            let c = bytes[pos]
            if c == UInt8(ascii: "`") {
                pos += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                pos += 2
                continue
            }
            if c == UInt8(ascii: "$"), byte(at: pos + 1) == UInt8(ascii: "{") {
                pos += 2
                try skipExpression(closingBraceOf: start)
                continue
            }
            pos += 1
        }
    }

    /// Lexes code up to and past the `}` that closes an already-consumed `{` (or `${`).
    private mutating func skipExpression(closingBraceOf opener: Int) throws(LexError) {
        try enter(at: opener)
        defer { depth -= 1 }
        var braces = 0
        var previous: Token?
        while true {
            guard let token = try scan(after: previous) else { throw error("unclosed `{`", at: opener) }
            if token.kind == .punctuator {
                let t = text(token)
                if t == "{" { braces += 1 }
                if t == "}" {
                    if braces == 0 { return }
                    braces -= 1
                }
            }
            if token.kind != .comment { previous = token }
        }
    }

    // MARK: - JSX

    private func startsJSX(at offset: Int) -> Bool {
        guard let c = byte(at: offset) else { return false }
        return c == UInt8(ascii: ">") || isLetter(c)
    }

    private mutating func skipJSXElement() throws(LexError) {
        let start = pos
        try enter(at: start)
        defer { depth -= 1 }
        pos += 1
        if byte(at: pos) == UInt8(ascii: ">") {
            pos += 1
            try skipJSXChildren(of: start)
            return
        }
        skipJSXName()
        while true {
            skipWhitespace()
            guard let c = byte(at: pos) else { throw error("unterminated JSX element", at: start) }
            switch c {
            case UInt8(ascii: "/"):
                guard byte(at: pos + 1) == UInt8(ascii: ">") else { throw error("malformed JSX tag", at: pos) }
                pos += 2
                return
            case UInt8(ascii: ">"):
                pos += 1
                try skipJSXChildren(of: start)
                return
            case UInt8(ascii: "{"):
                pos += 1
                try skipExpression(closingBraceOf: pos - 1)
            default:
                guard isIdentifierStart(c) else { throw error("malformed JSX attribute", at: pos) }
                skipJSXName()
                skipWhitespace()
                guard byte(at: pos) == UInt8(ascii: "=") else { continue }
                pos += 1
                skipWhitespace()
                guard let v = byte(at: pos) else { throw error("unterminated JSX element", at: start) }
                if v == UInt8(ascii: "\"") || v == UInt8(ascii: "'") {
                    let valueStart = pos
                    pos += 1
                    while pos < bytes.count, bytes[pos] != v { pos += 1 }
                    guard pos < bytes.count else { throw error("unterminated JSX attribute", at: valueStart) }
                    pos += 1
                } else if v == UInt8(ascii: "{") {
                    pos += 1
                    try skipExpression(closingBraceOf: pos - 1)
                } else if v == UInt8(ascii: "<") {
                    try skipJSXElement()
                } else {
                    throw error("malformed JSX attribute value", at: pos)
                }
            }
        }
    }

    private mutating func skipJSXChildren(of element: Int) throws(LexError) {
        while true {
            guard let c = byte(at: pos) else { throw error("unclosed JSX element", at: element) }
            if c == UInt8(ascii: "<") {
                if byte(at: pos + 1) == UInt8(ascii: "/") {
                    pos += 2
                    while pos < bytes.count, bytes[pos] != UInt8(ascii: ">") { pos += 1 }
                    guard pos < bytes.count else { throw error("unterminated JSX closing tag", at: element) }
                    pos += 1
                    return
                }
                try skipJSXElement()
            } else if c == UInt8(ascii: "{") {
                pos += 1
                try skipExpression(closingBraceOf: pos - 1)
            } else {
                pos += 1
            }
        }
    }

    private mutating func skipJSXName() {
        while let c = byte(at: pos),
            isIdentifierPart(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
        {
            pos += 1
        }
    }

    // MARK: - Small scanners

    private static let punctuators: [[UInt8]] = [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "**", "<<", ">>",
    ].map { Array($0.utf8) }

    private mutating func punctuator(start: Int) -> Token {
        for candidate in Self.punctuators where bytes[pos...].starts(with: candidate) {
            // `a?.5:b` is a conditional, not optional chaining.
            if candidate == Array("?.".utf8), let next = byte(at: pos + 2), isDigit(next) { continue }
            pos += candidate.count
            return Token(kind: .punctuator, start: start, end: pos, line: 0)
        }
        pos += 1
        return Token(kind: .punctuator, start: start, end: pos, line: 0)
    }

    private mutating func skipNumber() {
        let hex = byte(at: pos) == UInt8(ascii: "0") && (byte(at: pos + 1) | 0x20) == UInt8(ascii: "x")
        while let c = byte(at: pos) {
            if isIdentifierPart(c) || c == UInt8(ascii: ".") {
                pos += 1
            } else if !hex, c == UInt8(ascii: "+") || c == UInt8(ascii: "-"),
                let before = byte(at: pos - 1), before | 0x20 == UInt8(ascii: "e")
            {
                pos += 1
            } else {
                break
            }
        }
    }

    private mutating func skipIdentifier() throws(LexError) {
        while let c = byte(at: pos) {
            if c == UInt8(ascii: "\\") {
                guard byte(at: pos + 1) == UInt8(ascii: "u") else { throw error("malformed escape in identifier", at: pos) }
                pos += 2
                continue
            }
            guard isIdentifierPart(c) else { break }
            pos += 1
        }
    }

    private mutating func skipWhitespace() {
        while let c = byte(at: pos), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C {
            pos += 1
        }
    }

    private mutating func enter(at offset: Int) throws(LexError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)", at: offset) }
    }

    private func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    private func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    private mutating func lineNumber(at offset: Int) -> Int {
        while lineCursor < offset {
            if bytes[lineCursor] == 0x0A { line += 1 }
            lineCursor += 1
        }
        return line
    }

    private func error(_ message: String, at offset: Int) -> LexError {
        var line = 1
        for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
        return LexError(line: line, message: message)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    private func isIdentifierStart(_ c: UInt8) -> Bool {
        isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c >= 0x80
    }
    private func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
}

extension Optional where Wrapped == UInt8 {
    fileprivate static func | (lhs: UInt8?, rhs: UInt8) -> UInt8? { lhs.map { $0 | rhs } }
}
