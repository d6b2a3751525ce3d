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
        /// A template literal, substitutions included, as one token.
        case template
        /// A numeric literal.
        case number
        /// A regular-expression literal with its flags.
        case regex
        /// A `//` or `/* */` comment (or a `#!` line at the start of the file).
        case comment
        /// A JSX element, children included, as one token (only in `.jsx`/`.tsx` files).
        case jsx
    }

    public var kind: Kind
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte.
    public var end: Int
    /// 1-based line of the first byte.
    public var line: Int

    public init(kind: Kind, start: Int, end: Int, line: Int) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
    }
}
