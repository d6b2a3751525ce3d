/// A lexer for TypeScript and JavaScript: strings, template literals (head, middle and tail tokens
/// with the substitutions lexed as code), comments, regular-expression literals, numbers,
/// punctuators and, when enabled, JSX markup with its `{…}` containers lexed as code.
///
/// It never traps and never gives up on a file: bytes it cannot read become one
/// ``Token/Kind/opaque`` token (to the end of that line, or of the file for an unterminated comment
/// or template) with a ``LexError`` saying why, and lexing goes on after it.
///
/// Regular expression or division is decided by the token before the `/`, as every lexer that
/// does not parse must: after a value (`)`, `]`, `}`, an identifier that is not a keyword such as
/// `return`, a literal) it is division, elsewhere a regular expression. So `if (x) /re/.test(s)`
/// reads as division; the parser turns what it then cannot use into an opaque node.
public struct Lexer {
    /// Reads `source` (UTF-8; a leading byte-order mark is skipped); `jsx` enables JSX, as in
    /// `.jsx`/`.tsx` files. Never fails: see ``LexedSource/problems``.
    public static func read(_ source: [UInt8], jsx: Bool = false) -> LexedSource {
        var lexer = Lexer(bytes: source, jsx: jsx)
        return lexer.run()
    }

    /// Tokenizes `source`, throwing the first problem when any part of it could not be read.
    public static func tokenize(_ source: [UInt8], jsx: Bool = false) throws(LexError) -> [Token] {
        let lexed = read(source, jsx: jsx)
        if let problem = lexed.problems.first { throw problem }
        return lexed.tokens
    }

    /// Tokenizes a string; see ``tokenize(_:jsx:)-([UInt8],_)``.
    public static func tokenize(_ source: String, jsx: Bool = false) throws(LexError) -> [Token] {
        try tokenize(Array(source.utf8), jsx: jsx)
    }

    /// What an open `${` or JSX `{` belongs to, so its `}` is read the right way.
    enum Context {
        case substitution
        case jsxContainer(JSXState)
    }

    /// Where JSX markup stands: how many elements are open and whether inside a tag.
    struct JSXState {
        var open = 0
        var inTag = false
    }

    /// A problem at a byte offset; `toEndOfFile` when nothing after it can be trusted.
    struct Failure: Error {
        var message: String
        var offset: Int
        var toEndOfFile = false
    }

    let bytes: [UInt8]
    let jsx: Bool
    var pos = 0
    private var lineCursor = 0
    private var line = 1
    /// Open substitutions and JSX containers, bounded so hostile input cannot grow it without end.
    var contexts: [Context] = []
    /// Byte offset of each open context's opening token.
    var contextStarts: [Int] = []
    /// Plain `{` still open inside each context (a `}` closes the context only when this is 0).
    var plainBraces: [Int] = []
    static let maxDepth = 512
    /// Set when JSX markup stopped at a `{`: that `{` opens a container, not a block.
    var pendingContainer: JSXState?
    /// Set when a container's `}` was just read: markup resumes right after it.
    var resumeMarkup: JSXState?

    private init(bytes: [UInt8], jsx: Bool) {
        self.bytes = bytes
        self.jsx = jsx
    }

    private mutating func run() -> LexedSource {
        var tokens: [Token] = []
        var problems: [LexError] = []
        tokens.reserveCapacity(bytes.count / 4)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        if byte(at: pos) == UInt8(ascii: "#"), byte(at: pos + 1) == UInt8(ascii: "!") {
            let start = pos
            while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
            tokens.append(Token(kind: .comment, start: start, end: pos, line: 1))
        }
        var previous: Token?
        while true {
            let start = pos
            do {
                guard let token = try scan(after: previous) else {
                    // Code inside a template or JSX container that never closes: the parser sees the
                    // unfinished literal; the problem is reported where it opened.
                    if let open = contexts.indices.last {
                        let what = if case .substitution = contexts[open] { "unterminated template literal" } else { "unclosed JSX expression container" }
                        problems.append(LexError(line: lineNumber(at: contextStarts[open]), message: what))
                    }
                    break
                }
                var located = token
                located.line = lineNumber(at: token.start)
                tokens.append(located)
                if token.kind != .comment { previous = token }
            } catch {
                // Skip to the end of the line (or file) and go on from a clean state.
                var tokenStart = start
                while tokenStart < bytes.count, isWhitespace(bytes[tokenStart]) { tokenStart += 1 }
                tokenStart = min(tokenStart, error.offset)
                var end = max(error.offset, tokenStart + 1)
                if error.toEndOfFile {
                    end = bytes.count
                } else {
                    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                }
                end = min(max(end, tokenStart + 1), bytes.count)
                pos = end
                contexts.removeAll()
                contextStarts.removeAll()
                plainBraces.removeAll()
                pendingContainer = nil
                resumeMarkup = nil
                let opaque = Token(kind: .opaque, start: tokenStart, end: end, line: lineNumber(at: tokenStart))
                problems.append(LexError(line: lineNumber(at: min(error.offset, bytes.count)), message: error.message))
                tokens.append(opaque)
                previous = opaque
                if tokenStart >= bytes.count { break }
            }
        }
        return LexedSource(tokens: tokens, problems: problems)
    }

    // MARK: - One token

    /// Scans the next token after skipping whitespace, or returns nil at the end of input.
    private mutating func scan(after previous: Token?) throws(Failure) -> Token? {
        if let state = resumeMarkup {
            resumeMarkup = nil
            return try scanMarkup(state, start: pos)
        }
        skipWhitespace()
        guard pos < bytes.count else { return nil }
        let start = pos
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            try skipString(quote: c)
            return Token(kind: .string, start: start, end: pos, line: 0)
        case UInt8(ascii: "`"):
            pos += 1
            return try scanTemplateText(start: start, head: true)
        case UInt8(ascii: "{"):
            if let state = pendingContainer {
                try push(.jsxContainer(state), at: start)
                pendingContainer = nil
            } else if !contexts.isEmpty {
                plainBraces[plainBraces.count - 1] += 1
            }
            pos += 1
            return Token(kind: .punctuator, start: start, end: pos, line: 0)
        case UInt8(ascii: "}"):
            pos += 1
            guard let context = contexts.last, plainBraces[plainBraces.count - 1] == 0 else {
                if !plainBraces.isEmpty { plainBraces[plainBraces.count - 1] -= 1 }
                return Token(kind: .punctuator, start: start, end: pos, line: 0)
            }
            pop()
            switch context {
            case .substitution:
                return try scanTemplateText(start: start, head: false)
            case .jsxContainer(let state):
                resumeMarkup = state
                return Token(kind: .punctuator, start: start, end: pos, line: 0)
            }
        case UInt8(ascii: "/"):
            if byte(at: pos + 1) == UInt8(ascii: "/") {
                while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
                return Token(kind: .comment, start: start, end: pos, line: 0)
            }
            if byte(at: pos + 1) == UInt8(ascii: "*") {
                pos += 2
                while true {
                    guard pos + 1 < bytes.count else {
                        throw Failure(message: "unterminated block comment", offset: start, toEndOfFile: true)
                    }
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
            return try scanMarkup(JSXState(), start: start)
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
                throw Failure(message: "unexpected control byte 0x\(String(c, radix: 16))", offset: start)
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
    func regexAllowed(after previous: Token?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .number, .string, .template, .templateTail, .regex, .jsx: return false
        case .comment, .templateHead, .templateMiddle, .jsxPart, .opaque: return true
        case .identifier: return Self.expressionKeywords.contains(text(previous))
        case .punctuator:
            let t = text(previous)
            return !(t == ")" || t == "]" || t == "}" || t == "++" || t == "--")
        }
    }

    private mutating func skipRegex() throws(Failure) {
        let start = pos
        pos += 1
        var inClass = false
        while true {
            guard pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D else {
                throw Failure(message: "unterminated regular expression", offset: start)
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

    private mutating func skipString(quote: UInt8) throws(Failure) {
        let start = pos
        pos += 1
        while true {
            guard pos < bytes.count else { throw Failure(message: "unterminated string", offset: start) }
            let c = bytes[pos]
            if c == quote {
                pos += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                pos += 2
                continue
            }
            if c == 0x0A || c == 0x0D { throw Failure(message: "unterminated string", offset: start) }
            pos += 1
        }
    }

    /// Template text after a `` ` `` (`head`) or a substitution's `}`: up to the closing `` ` `` or
    /// the next `${`, whose substitution is then lexed as code.
    private mutating func scanTemplateText(start: Int, head: Bool) throws(Failure) -> Token {
        while true {
            guard pos < bytes.count else {
                throw Failure(message: "unterminated template literal", offset: start, toEndOfFile: true)
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "`") {
                pos += 1
                return Token(kind: head ? .template : .templateTail, start: start, end: pos, line: 0)
            }
            if c == UInt8(ascii: "\\") {
                pos += 2
                continue
            }
            if c == UInt8(ascii: "$"), byte(at: pos + 1) == UInt8(ascii: "{") {
                pos += 2
                try push(.substitution, at: start)
                return Token(kind: head ? .templateHead : .templateMiddle, start: start, end: pos, line: 0)
            }
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

    private mutating func skipIdentifier() throws(Failure) {
        while let c = byte(at: pos) {
            if c == UInt8(ascii: "\\") {
                guard byte(at: pos + 1) == UInt8(ascii: "u") else {
                    throw Failure(message: "malformed escape in identifier", offset: pos)
                }
                pos += 2
                continue
            }
            guard isIdentifierPart(c) else { break }
            pos += 1
        }
    }

    mutating func skipWhitespace() {
        while let c = byte(at: pos), isWhitespace(c) { pos += 1 }
    }

    mutating func push(_ context: Context, at offset: Int) throws(Failure) {
        guard contexts.count < Self.maxDepth else {
            throw Failure(message: "nesting deeper than \(Self.maxDepth)", offset: offset, toEndOfFile: true)
        }
        contexts.append(context)
        contextStarts.append(offset)
        plainBraces.append(0)
    }

    mutating func pop() {
        contexts.removeLast()
        contextStarts.removeLast()
        plainBraces.removeLast()
    }

    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    private func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    private mutating func lineNumber(at offset: Int) -> Int {
        if offset < lineCursor {
            // Only an unclosed context's opening lies behind the cursor.
            line = 1
            lineCursor = 0
        }
        while lineCursor < offset, lineCursor < bytes.count {
            if bytes[lineCursor] == 0x0A { line += 1 }
            lineCursor += 1
        }
        return line
    }

    func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C }
    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    func isIdentifierStart(_ c: UInt8) -> Bool {
        isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c >= 0x80
    }
    func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
}

extension Optional where Wrapped == UInt8 {
    fileprivate static func | (lhs: UInt8?, rhs: UInt8) -> UInt8? { lhs.map { $0 | rhs } }
}
