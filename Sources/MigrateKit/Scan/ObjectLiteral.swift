import ScriptLexer
import ScriptSyntax

/// An object literal `{ … }` read from a ``ScriptFile``, with each property's exact token range.
public struct ObjectLiteral: Sendable {
    /// One property of the literal.
    public struct Property: Sendable {
        /// `key: value`, `name`, `...spread`, `method() {}` (getters and setters too) or a computed key.
        public enum Kind: Sendable { case value, shorthand, spread, method, computed }
        /// What the property is.
        public var kind: Kind
        /// The key (identifier, string or number text); nil for spreads and computed keys.
        public var key: String?
        /// First token of the property.
        public var first: Int
        /// Last token of the property (before its comma).
        public var last: Int
        /// The value's first token (`kind == .value`).
        public var valueStart: Int
        /// The value's last token.
        public var valueEnd: Int
        /// The comma after the property, if any.
        public var comma: Int?
    }

    /// The `{` token.
    public var open: Int
    /// The `}` token.
    public var close: Int
    /// The properties in source order.
    public var properties: [Property]

    /// The object literal whose `{` is token `open`, as the syntax tree read it; nil when `open` is
    /// not the `{` of an object literal.
    public init?(_ file: ScriptFile, open: Int) {
        guard let object = file.objects[open] else { return nil }
        self.open = object.open
        self.close = object.close
        properties = object.properties.map { p in
            let first = p.range.lowerBound
            let last = p.range.upperBound - 1
            var property = Property(kind: .value, key: nil, first: first, last: last, valueStart: first, valueEnd: last, comma: p.comma)
            switch p.kind {
            case .value(let key, let value):
                if case .computed = key.kind {
                    property.kind = .computed
                } else {
                    property.key = key.name
                }
                property.valueStart = value.range.lowerBound
                property.valueEnd = value.range.upperBound - 1
            case .shorthand(let name, _):
                property.kind = .shorthand
                property.key = name
            case .spread:
                property.kind = .spread
            case .method(let key, _), .getter(let key, _), .setter(let key, _):
                if case .computed = key.kind {
                    property.kind = .computed
                } else {
                    property.kind = .method
                    property.key = key.name
                }
            case .opaque:
                property.kind = .computed
            }
            return property
        }
    }

    /// The last property with `key` (later keys win in JavaScript).
    public func property(_ key: String) -> Property? {
        properties.last { $0.key == key && ($0.kind == .value || $0.kind == .shorthand || $0.kind == .method) }
    }

    /// Whether a spread (`...rest`) could supply keys this literal does not show.
    public var hasSpread: Bool { properties.contains { $0.kind == .spread } }
}
