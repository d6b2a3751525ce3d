import ScriptLexer
import ScriptSyntax

/// A TypeScript/JavaScript file read into a syntax tree, with its tokens (comments set apart) and
/// brackets matched. Recipes work on token indices and map them back to exact byte ranges.
public struct ScriptFile: Sendable {
    /// Relative to the repository root.
    public let path: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The file read as a tree.
    public let tree: SyntaxTree
    /// Tokens without comments (the tree's tokens).
    public var tokens: [Token] { tree.tokens }
    /// For a bracket token, the index of its partner; -1 otherwise.
    let partner: [Int]
    /// Each object literal of the tree, by the token index of its `{`.
    let objects: [Int: ScriptSyntax.ObjectLiteral]

    /// The extensions read as scripts; `.jsx`/`.tsx` enable JSX.
    public static let extensions: Set<String> = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]

    /// Reads `bytes`; throws the first problem when any part of the file could not be read (the
    /// recipes edit only files read whole).
    public init(path: String, bytes: [UInt8]) throws(LexError) {
        self.path = path
        self.bytes = bytes
        // A JSON file (package.json) is one expression.
        tree = SyntaxTree(bytes: bytes, dialect: Dialect(path: path), goal: path.hasSuffix(".json") ? .expression : .statements)
        if let problem = tree.problems.first { throw LexError(line: problem.line, message: problem.message) }
        let tokens = tree.tokens
        var partner = [Int](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (i, token) in tokens.enumerated() where token.kind == .punctuator && token.end - token.start == 1 {
            let c = bytes[token.start]
            switch c {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                stack.append(i)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let open: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                guard let top = stack.popLast(), bytes[tokens[top].start] == open else {
                    throw LexError(line: token.line, message: "unbalanced `\(Character(Unicode.Scalar(c)))`")
                }
                partner[top] = i
                partner[i] = top
            default: break
            }
        }
        if let open = stack.last {
            throw LexError(line: tokens[open].line, message: "unclosed `\(Character(Unicode.Scalar(bytes[tokens[open].start])))`")
        }
        self.partner = partner
        var objects: [Int: ScriptSyntax.ObjectLiteral] = [:]
        SyntaxWalker(expression: { e in
            if case .object(let object) = e.kind { objects[object.open] = object }
        }).walk(tree)
        self.objects = objects
    }

    /// The token's source text.
    public func text(_ i: Int) -> String {
        guard i >= 0 && i < tokens.count else { return "" }
        return String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self)
    }

    /// The source text from the start of token `from` to the end of token `through`.
    public func text(from: Int, through: Int) -> String {
        String(decoding: bytes[tokens[from].start..<tokens[through].end], as: UTF8.self)
    }

    func isPunctuator(_ i: Int, _ value: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .punctuator && text(i) == value
    }

    func isIdentifier(_ i: Int, _ value: String? = nil) -> Bool {
        guard i >= 0 && i < tokens.count && tokens[i].kind == .identifier else { return false }
        return value.map { text(i) == $0 } ?? true
    }

    /// The member chain whose last name is identifier token `last`: `this.server.start` → the
    /// token of `this` and `["this", "server", "start"]` (`?.` counts as `.`).
    func memberChain(endingAt last: Int) -> (first: Int, names: [String]) {
        var first = last
        var names = [text(last)]
        while first >= 2, isPunctuator(first - 1, ".") || isPunctuator(first - 1, "?."), isIdentifier(first - 2) {
            first -= 2
            names.insert(text(first), at: 0)
        }
        return (first, names)
    }

    /// The partner of bracket token `i`, or nil.
    func matching(_ i: Int) -> Int? {
        guard i >= 0 && i < partner.count, partner[i] >= 0 else { return nil }
        return partner[i]
    }

    /// The value of a string-literal token (common escapes decoded), or nil for any other token.
    public func stringValue(_ i: Int) -> String? {
        guard i >= 0 && i < tokens.count else { return nil }
        let token = tokens[i]
        if token.kind == .template {
            return String(decoding: bytes[(token.start + 1)..<(token.end - 1)], as: UTF8.self)
        }
        guard token.kind == .string else { return nil }
        var out: [UInt8] = []
        var j = token.start + 1
        while j < token.end - 1 {
            if bytes[j] == UInt8(ascii: "\\"), j + 1 < token.end - 1 {
                let e = bytes[j + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case 0x0A: break
                default: out.append(e)
                }
                j += 2
            } else {
                out.append(bytes[j])
                j += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The quote character the file uses most for string literals (`"` when there are none).
    public var preferredQuote: Character {
        var single = 0
        var double = 0
        for token in tokens where token.kind == .string {
            if bytes[token.start] == UInt8(ascii: "'") { single += 1 } else { double += 1 }
        }
        return single > double ? "'" : "\""
    }

    /// Index one past the end of the expression starting at `start`: up to a `,`, `;` or closing
    /// bracket at the same nesting, or `limit`.
    func expressionEnd(from start: Int, limit: Int) -> Int {
        var i = start
        while i < limit {
            if let partner = matching(i), partner > i {
                i = partner + 1
                continue
            }
            let t = tokens[i]
            if t.kind == .punctuator, t.end - t.start == 1 {
                let c = bytes[t.start]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]")
                    || c == UInt8(ascii: "}")
                {
                    return i
                }
            }
            i += 1
        }
        return limit
    }
}
