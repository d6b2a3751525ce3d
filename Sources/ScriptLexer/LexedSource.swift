/// Everything the lexer read from one source: its tokens (comments included, in order) and the
/// problems it stepped over. Each problem has one ``Token/Kind/opaque`` token covering the bytes
/// it could not read; the rest of the file is read normally.
public struct LexedSource: Sendable {
    /// The tokens in source order.
    public var tokens: [Token]
    /// Why parts of the source could not be read, in source order; empty for a clean file.
    public var problems: [LexError]

    /// A lexed source of `tokens` with `problems`.
    public init(tokens: [Token], problems: [LexError]) {
        self.tokens = tokens
        self.problems = problems
    }
}
