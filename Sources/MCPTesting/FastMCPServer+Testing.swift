import FastMCP
import MCPCore
import MCPProxy

extension FastMCPServer {
    /// A test client for this server's registry as it stands now (see ``MCPTestClient``).
    ///
    /// ```swift
    /// let client = try await server.testClient(principal: Principal(subject: "alice", scopes: ["mcp:read"]), era: .modern2026)
    /// ```
    ///
    /// - Parameters:
    ///   - principal: who calls; `nil` for an unauthenticated caller (authentication disabled).
    ///   - era: the protocol era the client speaks.
    ///   - mode: in process (default) or live over HTTP on a loopback port.
    ///   - stateless: host the server stateless (default) or with 2025-era sessions.
    ///   - configure: further changes to the hosting configuration (CORS, limits, …).
    public func testClient(
        principal: Principal? = Principal(subject: "test-user"), era: ProtocolEra = .modern2026, mode: MCPTestMode = .inProcess,
        stateless: Bool = true, configure: (inout MCPProxyConfiguration) -> Void = { _ in }
    ) async throws -> MCPTestClient {
        var configuration = MCPProxyConfiguration(stateless: stateless, authentication: .disabled())
        configure(&configuration)
        return try await MCPTestClient.start(
            serving: handler(stateless: configuration.stateless), principal: principal, era: era, mode: mode, configuration: configuration)
    }
}
