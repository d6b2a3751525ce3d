/// The authenticated caller of one request.
public struct Principal: Sendable, Hashable {
    /// The subject (`sub` claim, or whatever identifies the caller).
    public var subject: String
    /// Granted scopes.
    public var scopes: Set<String>
    /// All claims of the credential, for handlers that need more.
    public var claims: [String: JSONValue]

    /// A caller.
    public init(subject: String, scopes: Set<String> = [], claims: [String: JSONValue] = [:]) {
        self.subject = subject
        self.scopes = scopes
        self.claims = claims
    }

    /// Whether every scope in `required` was granted.
    public func hasScopes(_ required: some Sequence<String>) -> Bool {
        required.allSatisfy(scopes.contains)
    }
}
