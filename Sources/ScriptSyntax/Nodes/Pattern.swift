/// A binding target: a name or a destructuring pattern.
public struct Pattern: Sendable {
    /// What the pattern is.
    public indirect enum Kind: Sendable {
        /// `name`.
        case identifier(String)
        /// `{ a, b: c, ...rest }`.
        case object([Property])
        /// `[a, , b, ...rest]`; nil for a hole.
        case array([Pattern?])
        /// `pattern = fallback`.
        case defaulted(Pattern, Expression)
        /// `...pattern`.
        case rest(Pattern)
        /// An assignment target that is not a name: `this.x`, `a[0]` (in `for (a.b of c)`).
        case expression(Expression)
        /// What the parser could not read.
        case opaque
    }

    /// One entry of an object pattern.
    public struct Property: Sendable {
        /// Token indices of the entry.
        public var range: Range<Int>
        /// The key read; nil for `...rest`.
        public var key: PropertyKey?
        /// What the key binds (for `{ a }`, the name `a`).
        public var value: Pattern

        /// An entry binding `key` to `value`.
        public init(range: Range<Int>, key: PropertyKey?, value: Pattern) {
            self.range = range
            self.key = key
            self.value = value
        }
    }

    /// Token indices of the pattern.
    public var range: Range<Int>
    /// What the pattern is.
    public var kind: Kind

    /// A pattern of `kind` over `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// Every name the pattern binds, in order.
    public var boundNames: [String] {
        switch kind {
        case .identifier(let name): return [name]
        case .object(let properties): return properties.flatMap(\.value.boundNames)
        case .array(let elements): return elements.flatMap { $0?.boundNames ?? [] }
        case .defaulted(let inner, _), .rest(let inner): return inner.boundNames
        case .expression, .opaque: return []
        }
    }
}
