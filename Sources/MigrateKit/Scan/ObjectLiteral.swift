import ScriptLexer

/// An object literal `{ … }` read from a ``ScriptFile``, with each property's exact token range.
public struct ObjectLiteral: Sendable {
    /// One property of the literal.
    public struct Property: Sendable {
        public enum Kind: Sendable { case value, shorthand, spread, method, computed }
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
    public var properties: [Property]

    /// Reads the object literal whose `{` is token `open`; nil when `open` is not `{`.
    public init?(_ file: ScriptFile, open: Int) {
        guard file.isPunctuator(open, "{"), let close = file.matching(open) else { return nil }
        self.open = open
        self.close = close
        properties = []
        var i = open + 1
        while i < close {
            let end = file.expressionEnd(from: i, limit: close)
            guard end > i else {
                i += 1
                continue
            }
            let last = end - 1
            let comma = file.isPunctuator(end, ",") ? end : nil
            var property = Property(kind: .value, key: nil, first: i, last: last, valueStart: i, valueEnd: last, comma: comma)
            if file.isPunctuator(i, "...") {
                property.kind = .spread
            } else if file.isPunctuator(i, "[") {
                property.kind = .computed
                if let closeKey = file.matching(i), file.isPunctuator(closeKey + 1, ":") {
                    property.valueStart = closeKey + 2
                }
            } else if file.isPunctuator(i + 1, ":") {
                property.key = file.stringValue(i) ?? file.text(i)
                property.valueStart = i + 2
            } else if i == last, file.isIdentifier(i) {
                property.kind = .shorthand
                property.key = file.text(i)
            } else {
                property.kind = .method
                property.key = file.text(file.isIdentifier(i, "async") || file.isIdentifier(i, "get") || file.isIdentifier(i, "set") ? i + 1 : i)
            }
            properties.append(property)
            i = comma.map { $0 + 1 } ?? end + 1
        }
    }

    /// The last property with `key` (later keys win in JavaScript).
    public func property(_ key: String) -> Property? {
        properties.last { $0.key == key && ($0.kind == .value || $0.kind == .shorthand || $0.kind == .method) }
    }

    /// Whether a spread (`...rest`) could supply keys this literal does not show.
    public var hasSpread: Bool { properties.contains { $0.kind == .spread } }
}
