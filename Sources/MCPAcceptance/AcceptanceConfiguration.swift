import MCPCore

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
    /// A token the server accepts. Without one, a server that answers with a Bearer challenge
    /// ends the run as ``AcceptanceReport/Outcome/tokenRequired(_:)`` after the cases that need
    /// no token, and a server that answers without one fails `auth.required` unless
    /// ``expectNoAuth`` says that is the point.
    public var token: String?
    /// The server is meant to serve without authentication: `auth.required` and every other
    /// `auth.*` case are skipped, and the report says authentication was not checked
    /// (``AcceptanceReport/authChecked``). Meaningless with a ``token``.
    public var expectNoAuth = false
    /// A valid token of another subject, for the identity-per-request case.
    public var secondToken: String?
    /// A token the server must refuse.
    public var invalidToken: String
    /// A token valid in every way but issued for another audience (resource), which the server
    /// must refuse (`nil`: the audience case is skipped).
    public var wrongAudienceToken: String?
    /// A tool that needs a scope ``token`` has and ``lowScopeToken`` lacks (`nil`: the step-up case is skipped).
    public var scopedTool: String?
    /// The arguments sent to ``scopedTool``.
    public var scopedToolArguments: JSONValue = [:]
    /// A valid token without the scope ``scopedTool`` needs.
    public var lowScopeToken: String?
    /// A tool that reports progress when asked (`nil`: the progress case is skipped).
    public var progressTool: String?
    /// The arguments sent to ``progressTool``.
    public var progressToolArguments: JSONValue = [:]
    /// The browser origin used for CORS cases.
    public var origin: String
    /// The eras to test.
    public var eras: Eras
    /// The mode the server must be in.
    public var expect: Mode
    /// Bound on each exchange as a whole: connection, head and body (an endless SSE stream fails its case).
    public var timeout: Duration
    /// Bound on the whole run; cases not finished by then fail.
    public var totalTimeout: Duration
    /// The tool that reports the caller's subject (`nil`: `whoami` when the server lists it).
    public var identityTool: String?
    /// The arguments sent to ``identityTool``.
    public var identityToolArguments: JSONValue
    /// Whether to fetch each authorization server's RFC 8414 (or OpenID) metadata.
    public var checkAuthorizationServers: Bool

    /// A configuration for `endpoint`; everything else has a default.
    public init(
        endpoint: String, token: String? = nil, secondToken: String? = nil,
        invalidToken: String = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.aW52YWxpZA", origin: String = "http://localhost",
        eras: Eras = .both, expect: Mode = .stateless, timeout: Duration = .seconds(15), totalTimeout: Duration = .seconds(120),
        identityTool: String? = nil, identityToolArguments: JSONValue = [:], checkAuthorizationServers: Bool = false
    ) {
        self.endpoint = endpoint
        self.token = token
        self.secondToken = secondToken
        self.invalidToken = invalidToken
        self.origin = origin
        self.eras = eras
        self.expect = expect
        self.timeout = timeout
        self.totalTimeout = totalTimeout
        self.identityTool = identityTool
        self.identityToolArguments = identityToolArguments
        self.checkAuthorizationServers = checkAuthorizationServers
        self.wrongAudienceToken = nil
    }
}
