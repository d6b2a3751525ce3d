/// An object literal `{ … }`.
public struct ObjectLiteral: Sendable {
    /// Token index of `{`.
    public var open: Int
    /// Token index of `}`.
    public var close: Int
    /// The properties in source order.
    public var properties: [Property]

    /// An object literal between tokens `open` and `close`.
    public init(open: Int, close: Int, properties: [Property]) {
        self.open = open
        self.close = close
        self.properties = properties
    }

    /// One property of an object literal.
    public struct Property: Sendable {
        /// What the property is.
        public enum Kind: Sendable {
            /// `key: value`.
            case value(PropertyKey, Expression)
            /// `name` (or `name = fallback` in a destructuring assignment).
            case shorthand(String, fallback: Expression?)
            /// `...value`.
            case spread(Expression)
            /// `key() {}`, `async key() {}`, `*key() {}`.
            case method(PropertyKey, Function)
            /// `get key() {}`.
            case getter(PropertyKey, Function)
            /// `set key(v) {}`.
            case setter(PropertyKey, Function)
            /// A property the parser could not read.
            case opaque
        }

        /// Token indices of the property, without its comma.
        public var range: Range<Int>
        /// What the property is.
        public var kind: Kind
        /// Token index of the comma after it, if any.
        public var comma: Int?

        /// A property of `kind` over `range`, followed by the comma at `comma`.
        public init(_ kind: Kind, _ range: Range<Int>, comma: Int?) {
            self.kind = kind
            self.range = range
            self.comma = comma
        }

        /// The property's name when it is known without running code: identifier, string and number
        /// keys and shorthands; nil for spreads and computed keys.
        public var name: String? {
            switch kind {
            case .value(let key, _), .method(let key, _), .getter(let key, _), .setter(let key, _): return key.name
            case .shorthand(let name, _): return name
            case .spread, .opaque: return nil
            }
        }
    }
}
