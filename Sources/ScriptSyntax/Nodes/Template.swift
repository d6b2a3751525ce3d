/// A template literal: its text parts and the expressions substituted between them.
public struct Template: Sendable {
    /// Token indices of the text tokens (one for `` `plain` ``; head, middles and tail otherwise).
    public var textTokens: [Int]
    /// The `${…}` expressions, in order.
    public var substitutions: [Expression]
    /// The text of a template without substitutions (escapes decoded as in strings); nil otherwise.
    public var cooked: String?

    /// A template with `textTokens`, `substitutions` and, when it has none, its `cooked` text.
    public init(textTokens: [Int], substitutions: [Expression], cooked: String?) {
        self.textTokens = textTokens
        self.substitutions = substitutions
        self.cooked = cooked
    }
}
