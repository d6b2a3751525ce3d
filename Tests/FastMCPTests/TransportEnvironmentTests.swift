@testable import FastMCP
import Foundation
import Testing
import TestSupport

/// `Transport.fromEnvironment(default:)`: the only place the environment configures a facade
/// server, and what it may never do (docs/auth.md, fail-closed rules).
@Suite struct TransportEnvironmentTests {
    static let verifier = JWTVerifier(keys: .keys([]), issuer: "https://as.test", audience: "demo")

    func parts(_ transport: Transport) -> (host: String, port: Int, endpoint: String, stateless: Bool, authenticated: Bool)? {
        guard case .httpStream(let host, let port, let endpoint, let stateless, let auth, _, _, _) = transport else { return nil }
        return (host, port, endpoint, stateless, auth.isRequired)
    }

    @Test func theDeploymentMayMoveAnAuthenticatedServer() throws {
        let base = Transport.httpStream(port: 9000, stateless: true, auth: .jwt(Self.verifier))
        let moved = try #require(parts(try .fromEnvironment(
            default: base, environment: ["MCP_HOST": "0.0.0.0", "MCP_PORT": "9123", "MCP_ENDPOINT": "/rpc"])))
        #expect(moved.host == "0.0.0.0")
        #expect(moved.port == 9123)
        #expect(moved.endpoint == "/rpc")
        #expect(moved.stateless && moved.authenticated)
        guard case .stdio = try Transport.fromEnvironment(default: base, environment: ["MCP_TRANSPORT": "stdio"]) else {
            Issue.record("MCP_TRANSPORT=stdio ignored")
            return
        }
    }

    @Test func theAllowedOriginsSurviveAnEnvironmentOverride() throws {
        let base = Transport.httpStream(port: 9000, stateless: true, auth: .jwt(Self.verifier), allowedOrigins: ["https://app.example.com"])
        guard case .httpStream(_, let port, _, _, _, _, let origins, _) = try Transport.fromEnvironment(default: base, environment: ["MCP_PORT": "9001"]) else {
            Issue.record("not HTTP")
            return
        }
        #expect(port == 9001)
        #expect(origins == ["https://app.example.com"])
        // …and reach what MCPProxy serves, where they decide the origin policy.
        let served = try #require(base.proxyConfiguration)
        #expect(served.allowedOrigins == ["https://app.example.com"])
        #expect(served.originPolicy.allows("https://app.example.com"))
        #expect(!served.originPolicy.allows("https://evil.example"))
        #expect(Transport.httpStream(port: 9000, auth: .jwt(Self.verifier)).proxyConfiguration?.allowedOrigins == nil)
        #expect(Transport.stdio.proxyConfiguration == nil)
    }

    @Test func anOverrideNeverTurnsStatelessOff() throws {
        let base = Transport.httpStream(port: 9000, stateless: true, auth: .jwt(Self.verifier))
        let error = #expect(throws: Transport.EnvironmentError.self) { try Transport.fromEnvironment(default: base, environment: ["MCP_STATELESS": "0"]) }
        #expect(error?.description == "MCP_STATELESS=0 cannot turn stateless mode off: the code chose stateless")
        let stateful = Transport.httpStream(port: 9000, auth: .jwt(Self.verifier))
        #expect(parts(try .fromEnvironment(default: stateful, environment: ["MCP_STATELESS": "true"]))?.stateless == true)
        #expect(parts(try .fromEnvironment(default: stateful, environment: ["MCP_STATELESS": "no"]))?.stateless == false)
    }

    @Test func stdioSwitchedToHTTPStaysUnauthenticatedAndLocal() throws {
        let local = try #require(parts(try .fromEnvironment(default: .stdio, environment: ["MCP_TRANSPORT": "http", "MCP_PORT": "9124"])))
        #expect(local.host == "127.0.0.1" && local.port == 9124 && !local.authenticated)
        let error = #expect(throws: Transport.EnvironmentError.self) {
            try Transport.fromEnvironment(default: .stdio, environment: ["MCP_TRANSPORT": "http", "MCP_HOST": "0.0.0.0"])
        }
        #expect(error?.description == "MCP_HOST=0.0.0.0 is not a loopback address and this server has no authentication: an environment override never exposes an unauthenticated server")
        #expect(throws: Transport.EnvironmentError.self) {
            try Transport.fromEnvironment(default: .httpStream(port: 1, auth: .unauthenticated(allowRemote: true)), environment: ["MCP_HOST": "10.1.2.3"])
        }
    }

    @Test func badValuesAreErrors() {
        #expect(throws: Transport.EnvironmentError.self) { try Transport.fromEnvironment(default: .stdio, environment: ["MCP_PORT": "http"]) }
        #expect(throws: Transport.EnvironmentError.self) { try Transport.fromEnvironment(default: .stdio, environment: ["MCP_TRANSPORT": "carrier-pigeon"]) }
        #expect(throws: Transport.EnvironmentError.self) { try Transport.fromEnvironment(default: .stdio, environment: ["MCP_STATELESS": "maybe"]) }
    }

    @Test func scopedToolsAreListedOnceWhenNoCallerCanBeAuthenticated() {
        let server = FastMCPServer(name: "s", version: "1")
        server.tool("open", description: "open") { (_: Context) in "ok" }
        server.tool("wipe", description: "admin only", requiredScopes: ["admin"]) { (_: Context) in "wiped" }
        server.tool("audit", description: "auditors", requiredScopes: ["audit"]) { (_: Context) in "audited" }
        #expect(server.scopedToolNames == ["wipe", "audit"])
        let capture = LogCapture()
        server.warnAboutScopedTools(transport: "stdio", logger: capture.logger)
        #expect(capture.messages(at: .warning) == ["stdio: no caller is authenticated, so these tools with requiredScopes will refuse every call: wipe, audit"])
    }
}
