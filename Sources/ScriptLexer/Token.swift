/// One lexical token of a TypeScript or JavaScript source, located by UTF-8 byte offsets.
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public enum Kind: Sendable, Hashable {
        /// An identifier or keyword (`const`, `server`, `$x`, `#private`).
        case identifier
        /// An operator or bracket (`{`, `=>`, `?.`, `...`).
        case punctuator
        /// A string literal in single or double quotes.
        case string
        /// A template literal without substitutions: `` `text` ``.
        case template
        /// The start of a template literal up to its first substitution: `` `text${ ``.
        case templateHead
        /// Template text between two substitutions: `}text${`.
        case templateMiddle
        /// The end of a template literal after its last substitution: `` }text` ``.
        case templateTail
        /// A numeric literal.
        case number
        /// A regular-expression literal with its flags.
        case regex
        /// A `//` or `/* */` comment (or a `#!` line at the start of the file).
        case comment
        /// JSX markup that ends its outermost element (only in `.jsx`/`.tsx` files). An element with
        /// `{…}` expression containers is a run of ``jsxPart`` tokens, each followed by the container's
        /// code tokens, and ends with one `jsx` token.
        case jsx
        /// JSX markup followed by a `{` that opens an expression container. It may be empty when one
        /// container follows another.
        case jsxPart
        /// Input the lexer could not read, from where the problem starts to the end of that line (or of
        /// the file, for an unterminated comment or template). One ``LexError`` says why.
        case opaque
    }

    /// What kind of token this is.
    public var kind: Kind
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte.
    public var end: Int
    /// 1-based line of the first byte.
    public var line: Int

    /// A token of `kind` spanning bytes `start..<end`, starting on `line`.
    public init(kind: Kind, start: Int, end: Int, line: Int) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
    }

    /// Whether this token ends a template literal's text or is a whole one (a value, like a string).
    public var endsTemplate: Bool { kind == .template || kind == .templateTail }
}
