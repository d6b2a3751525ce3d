/// The key of an object-literal property or class member.
public struct PropertyKey: Sendable {
    /// How the key is written.
    public enum Kind: Sendable {
        /// `name` (keywords included).
        case identifier(String)
        /// `"name"`, decoded.
        case string(String)
        /// `1`, as written.
        case number(String)
        /// `#name`.
        case privateName(String)
        /// `[expression]`.
        case computed(Expression)
    }

    /// Token indices of the key.
    public var range: Range<Int>
    /// How the key is written.
    public var kind: Kind

    /// A key of `kind` over `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// The key's name when known without running code; nil for a computed key.
    public var name: String? {
        switch kind {
        case .identifier(let name), .string(let name), .number(let name), .privateName(let name): return name
        case .computed: return nil
        }
    }
}
