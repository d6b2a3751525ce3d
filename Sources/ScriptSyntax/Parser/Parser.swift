import ScriptLexer

/// A tolerant recursive-descent parser for TypeScript and JavaScript.
///
/// Every statement, list element, property and class member is parsed on its own: one that cannot
/// be read becomes an opaque node reaching to the next boundary (`;`, `,`, the enclosing bracket, or
/// a line that starts a new statement) and parsing goes on. Bracketed groups are bounded by their
/// matching bracket, so nothing inside one can run past it. Nesting deeper than ``maxDepth`` becomes
/// an opaque node instead of deeper recursion.
struct Parser {
    static let maxDepth = 256

    let bytes: [UInt8]
    let dialect: Dialect
    let tokens: [Token]
    /// Identifier and punctuator texts (empty for other kinds), read once.
    let texts: [String]
    /// Whether a line break (or a comment holding one) precedes each token.
    let newlineBefore: [Bool]
    /// For a bracket, its partner's index; -1 when unmatched or not a bracket.
    let partner: [Int]

    /// Current token index.
    var pos = 0
    /// Tokens at and after `end` are out of reach (the enclosing group's closing bracket).
    var end: Int
    /// How many `>` of the current token (`>>`, `>>>`) closing type argument lists have consumed.
    var gtSplit = 0
    var depth = 0
    var problems: [SyntaxProblem] = []
    /// Positions where speculative parses already failed (type arguments, arrow heads).
    var failedTypeArguments: Set<Int> = []
    var failedArrows: Set<Int> = []

    init(bytes: [UInt8], tokens: [Token], dialect: Dialect) {
        self.bytes = bytes
        self.dialect = dialect
        self.tokens = tokens
        texts = tokens.map { token in
            token.kind == .identifier || token.kind == .punctuator
                ? String(decoding: bytes[token.start..<token.end], as: UTF8.self) : ""
        }
        var newline = [Bool](repeating: false, count: tokens.count)
        var previousEnd = 0
        for (i, token) in tokens.enumerated() {
            if i > 0 {
                var j = previousEnd
                while j < token.start {
                    if bytes[j] == 0x0A || bytes[j] == 0x0D { newline[i] = true; break }
                    j += 1
                }
            }
            previousEnd = token.end
        }
        newlineBefore = newline
        partner = Self.matchBrackets(tokens, texts)
        end = tokens.count
    }

    /// Pairs brackets with a stack; a closer that matches nothing open is left unmatched, and one that
    /// matches an outer opener closes it (the openers in between stay unmatched).
    static func matchBrackets(_ tokens: [Token], _ texts: [String]) -> [Int] {
        var partner = [Int](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for i in tokens.indices where tokens[i].kind == .punctuator {
            switch texts[i] {
            case "(", "[", "{": stack.append(i)
            case ")", "]", "}":
                let open = texts[i] == ")" ? "(" : texts[i] == "]" ? "[" : "{"
                guard let match = stack.lastIndex(where: { texts[$0] == open }) else { continue }
                // An opener deeper than a few levels down is more likely a stray closer.
                if stack.count - match > 8 { continue }
                partner[stack[match]] = i
                partner[i] = stack[match]
                stack.removeSubrange(match...)
            default: break
            }
        }
        return partner
    }

    // MARK: - Looking at tokens

    var atEnd: Bool { pos >= end }

    func isPunct(_ i: Int, _ text: String) -> Bool {
        i < end && i >= 0 && tokens[i].kind == .punctuator && texts[i] == text && !(i == pos && gtSplit > 0)
    }

    func isIdent(_ i: Int, _ text: String? = nil) -> Bool {
        guard i < end && i >= 0 && tokens[i].kind == .identifier else { return false }
        return text.map { texts[i] == $0 } ?? true
    }

    func at(_ text: String) -> Bool { isPunct(pos, text) }
    func atIdent(_ text: String? = nil) -> Bool { isIdent(pos, text) }
    func kind(_ i: Int) -> Token.Kind? { i < end && i >= 0 ? tokens[i].kind : nil }

    /// A description of token `i` for messages.
    func describe(_ i: Int) -> String {
        guard i < end, i >= 0 else { return "the end of the group" }
        let token = tokens[i]
        let text = String(decoding: bytes[token.start..<min(token.end, token.start + 40)], as: UTF8.self)
        return "`\(text)`"
    }

    func fail(_ message: String, at i: Int? = nil) -> ParseError {
        ParseError(message: message, at: min(i ?? pos, max(end, 0)))
    }

    mutating func expect(_ text: String) throws(ParseError) {
        guard at(text) else { throw fail("expected `\(text)`, found \(describe(pos))") }
        pos += 1
    }

    /// An identifier name (keywords allowed, as after `.`).
    mutating func expectName() throws(ParseError) -> String {
        guard atIdent() else { throw fail("expected a name, found \(describe(pos))") }
        pos += 1
        return texts[pos - 1]
    }

    /// Ends a statement: `;`, or nothing before `}`, the end, or a line break (automatic semicolon
    /// insertion).
    mutating func consumeSemicolon() throws(ParseError) {
        if at(";") {
            pos += 1
            return
        }
        if atEnd || at("}") || (pos < tokens.count && newlineBefore[pos]) || kind(pos) == .opaque { return }
        throw fail("expected `;` or a line break, found \(describe(pos))")
    }

    // MARK: - Nesting, groups and speculation

    mutating func enter() throws(ParseError) {
        depth += 1
        if depth > Self.maxDepth {
            depth -= 1
            throw fail("nesting deeper than \(Self.maxDepth)")
        }
    }

    mutating func leave() { depth -= 1 }

    /// The index of the bracket matching `open`, or the current end when it has none.
    func closing(_ open: Int) -> Int {
        let p = partner[open]
        return p > open && p <= end ? p : end
    }

    /// Runs `body` with the reach limited to before the bracket matching the one at `pos` (which is
    /// consumed first), then consumes that bracket. An unmatched bracket is an error.
    mutating func inGroup<T>(_ body: (inout Parser) throws(ParseError) -> T) throws(ParseError) -> (T, close: Int) {
        let open = pos
        let close = partner[open]
        // An unmatched bracket fails at once: recovery steps over it as one token, so the tokens
        // after it are read once, not once per unclosed bracket around them.
        guard close > open, close < end else { throw fail("unclosed `\(texts[open])`", at: open) }
        let outer = end
        pos += 1
        end = close
        defer { end = outer }
        let value = try body(&self)
        guard pos == close else { throw fail("unexpected \(describe(pos))") }
        end = outer
        pos += 1
        return (value, close)
    }

    /// Runs `body`; when it fails, every state change is undone and nil is returned.
    mutating func attempt<T>(_ body: (inout Parser) throws(ParseError) -> T) -> T? {
        let saved = (pos, gtSplit, depth, problems.count, end)
        do throws(ParseError) {
            return try body(&self)
        } catch {
            (pos, gtSplit, depth, _, end) = saved
            problems.removeSubrange(saved.3...)
            return nil
        }
    }

    // MARK: - Recovery

    private static let statementKeywords: Set<String> = [
        "const", "let", "var", "function", "class", "import", "export", "if", "for", "while", "do", "return", "throw",
        "try", "switch", "interface", "type", "enum", "namespace", "declare", "async", "break", "continue",
    ]

    /// Where an unreadable construct starting at `start` ends: before `,` (in a list) or after `;`,
    /// at the enclosing group's closer, or before a line starting with a statement keyword. Groups
    /// inside are skipped whole (a stray closer is part of the span), so this is linear.
    func boundary(from start: Int, inList: Bool) -> Int {
        var i = start
        var first = true
        while i < end {
            let token = tokens[i]
            if token.kind == .punctuator {
                let t = texts[i]
                if t == "(" || t == "[" || t == "{" {
                    let p = partner[i]
                    i = p > i && p < end ? p + 1 : i + 1
                    first = false
                    continue
                }
                if t == ";" && !inList { return i + 1 }
                if t == "," && inList && !first { return i }
            }
            if !first, !inList, newlineBefore[i], token.kind == .identifier, Self.statementKeywords.contains(texts[i]) {
                return i
            }
            first = false
            i += 1
        }
        return end
    }

    /// Records a problem over `start..<stop` and moves past it.
    mutating func skip(from start: Int, to stop: Int, _ error: ParseError) -> Range<Int> {
        let range = start..<max(stop, min(start + 1, end))
        let line = start < tokens.count ? tokens[start].line : (tokens.last?.line ?? 1)
        problems.append(SyntaxProblem(range: range, line: line, message: error.message))
        pos = range.upperBound
        gtSplit = 0
        return range
    }

    // MARK: - Literals

    /// The decoded value of the string-literal token `i`.
    func stringValue(_ i: Int) -> String {
        let token = tokens[i]
        return Self.decode(bytes[(token.start + 1)..<max(token.start + 1, token.end - 1)])
    }

    /// Decodes escapes of a string or template body.
    static func decode(_ body: ArraySlice<UInt8>) -> String {
        guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
        var out: [UInt8] = []
        var j = body.startIndex
        func hex(_ digits: ArraySlice<UInt8>) -> UInt32? { UInt32(String(decoding: digits, as: UTF8.self), radix: 16) }
        func append(_ scalar: UInt32?) {
            if let scalar, let u = Unicode.Scalar(scalar) { out += Array(String(Character(u)).utf8) }
        }
        while j < body.endIndex {
            let c = body[j]
            guard c == UInt8(ascii: "\\"), j + 1 < body.endIndex else {
                out.append(c)
                j += 1
                continue
            }
            let e = body[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0"): out.append(0)
            case 0x0A: break
            case 0x0D: if j < body.endIndex, body[j] == 0x0A { j += 1 }
            case UInt8(ascii: "x") where j + 2 <= body.endIndex:
                append(hex(body[j..<(j + 2)]))
                j += 2
            case UInt8(ascii: "u"):
                if j < body.endIndex, body[j] == UInt8(ascii: "{"), let close = body[j...].firstIndex(of: UInt8(ascii: "}")) {
                    append(hex(body[(j + 1)..<close]))
                    j = close + 1
                } else if j + 4 <= body.endIndex {
                    append(hex(body[j..<(j + 4)]))
                    j += 4
                }
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
