/// What the acceptance suite runs against, and what it expects.
public struct AcceptanceConfiguration: Sendable {
    /// Which protocol eras to test.
    public enum Eras: String, Sendable, CaseIterable {
        case legacy, modern, both
    }

    /// The mode the server should be in.
    public enum Mode: String, Sendable, CaseIterable {
        case stateless, stateful
    }

    /// The MCP endpoint, e.g. `http://127.0.0.1:8080/mcp`.
    public var endpoint: String
    /// A token the server accepts (`nil`: the server is expected to need none).
    public var token: String?
    /// A valid token of another subject, for the identity-per-request case.
    public var secondToken: String?
    /// A token the server must refuse.
    public var invalidToken: String
    /// The browser origin used for CORS cases.
    public var origin: String
    public var eras: Eras
    public var expect: Mode
    /// Per-request timeout.
    public var timeout: Duration

    public init(
        endpoint: String, token: String? = nil, secondToken: String? = nil,
        invalidToken: String = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.aW52YWxpZA", origin: String = "http://localhost",
        eras: Eras = .both, expect: Mode = .stateless, timeout: Duration = .seconds(15)
    ) {
        self.endpoint = endpoint
        self.token = token
        self.secondToken = secondToken
        self.invalidToken = invalidToken
        self.origin = origin
        self.eras = eras
        self.expect = expect
        self.timeout = timeout
    }
}
