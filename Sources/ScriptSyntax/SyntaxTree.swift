import ScriptLexer

/// A TypeScript or JavaScript source read into statements with exact ranges.
///
/// Ranges are half-open ranges of indices into ``tokens`` (comments excluded); ``byteRange(_:)``
/// turns one into UTF-8 byte offsets. Reading never fails: what cannot be read is an opaque node
/// (``Statement/Kind/opaque``, ``Expression/Kind/opaque``…) and a ``SyntaxProblem`` saying why.
public struct SyntaxTree: Sendable {
    /// The source.
    public let bytes: [UInt8]
    /// How the source was read.
    public let dialect: Dialect
    /// The tokens without comments; node ranges index into this.
    public let tokens: [Token]
    /// The comments, in order.
    public let comments: [Token]
    /// The top-level statements.
    public let statements: [Statement]
    /// What could not be read, lexer problems first, then the parser's, each in source order.
    public let problems: [SyntaxProblem]

    /// What a source holds as a whole.
    public enum Goal: Sendable, Hashable {
        /// Statements: a module or script.
        case statements
        /// One expression, as in a JSON file; the tree has one expression statement.
        case expression
    }

    /// Reads `bytes` as `dialect`, as statements or (`goal: .expression`) as one expression.
    public init(bytes: [UInt8], dialect: Dialect, goal: Goal = .statements) {
        self.bytes = bytes
        self.dialect = dialect
        let lexed = Lexer.read(bytes, jsx: dialect.jsx)
        var tokens: [Token] = []
        var comments: [Token] = []
        tokens.reserveCapacity(lexed.tokens.count)
        for token in lexed.tokens {
            if token.kind == .comment { comments.append(token) } else { tokens.append(token) }
        }
        self.tokens = tokens
        self.comments = comments
        var parser = Parser(bytes: bytes, tokens: tokens, dialect: dialect)
        statements = goal == .statements ? parser.parseStatements() : parser.parseSingleExpression()
        var problems: [SyntaxProblem] = []
        var opaque = tokens.indices.filter { tokens[$0].kind == .opaque }[...]
        for problem in lexed.problems {
            // Each lexer problem owns the next opaque token, if it made one.
            if let i = opaque.first, tokens[i].line == problem.line || opaque.count > 0 {
                opaque = opaque.dropFirst()
                problems.append(SyntaxProblem(range: i..<(i + 1), line: problem.line, message: problem.message))
            } else {
                problems.append(SyntaxProblem(range: tokens.count..<tokens.count, line: problem.line, message: problem.message))
            }
        }
        self.problems = problems + parser.problems
    }

    /// Reads a string as `dialect`.
    public init(source: String, dialect: Dialect, goal: Goal = .statements) {
        self.init(bytes: Array(source.utf8), dialect: dialect, goal: goal)
    }

    /// The byte offsets a token range spans (an empty range is an empty byte range where it stands).
    public func byteRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < tokens.count ? tokens[range.lowerBound].start : bytes.count
            return at..<at
        }
        return tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    }

    /// The source text of a token range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[byteRange(range)], as: UTF8.self)
    }

    /// The source text of token `i`.
    public func text(token i: Int) -> String {
        String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self)
    }

    /// The 1-based line of the first token of `range`.
    public func line(_ range: Range<Int>) -> Int {
        range.lowerBound < tokens.count ? tokens[range.lowerBound].line : (tokens.last?.line ?? 1)
    }

    /// Whether the whole source was read (no opaque node, no lexer problem).
    public var isComplete: Bool { problems.isEmpty }
}
