/// How an ``MCPTestClient`` reaches the server.
public enum MCPTestMode: Sendable, Hashable {
    /// Requests go through the server's real request path (routing, era rules, header
    /// checks, scopes, error mapping, CORS) without a socket; the test's principal is what
    /// `authenticate` returns.
    case inProcess
    /// The real HTTP server on a free loopback port, with an HS256 key made for the test and
    /// a token minted for the test's principal, verified on every request.
    case live
}
