/// Thrown by a handler when the caller lacks scopes a tool requires.
///
/// The HTTP side answers 403 with an RFC 6750 `insufficient_scope` challenge
/// naming exactly ``scopes``.
public struct InsufficientScopeError: Error, Sendable, Hashable {
    /// The scopes the operation needs.
    public var scopes: [String]

    public init(scopes: [String]) {
        self.scopes = scopes
    }
}
