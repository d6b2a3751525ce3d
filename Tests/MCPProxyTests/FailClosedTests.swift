import Foundation
import MCPProxy
import ServiceLifecycle
import TestSupport
import Testing

/// docs/auth.md "Fail-closed rules": each rule, with the refusal, the error body or the exact log line.
@Suite struct FailClosedTests {
    static let secret = Array("fail-closed-secret-0123456789abcdef".utf8)

    static func verifier(audience: String? = nil, issuer: String? = "https://as.test") throws -> JWTVerifier {
        JWTVerifier(keys: .keys([try VerificationKey.hs256(secret: secret)]), issuer: issuer, audience: audience)
    }

    static func token(audience: String, scope: String = "mcp:read") -> String {
        TestTokens.hs256(secret: secret, claims: ["sub": "alice", "iss": "https://as.test", "aud": .string(audience), "scope": .string(scope)])
    }

    static let scopedServer = NativeMCPServer(
        name: "scoped", version: "1",
        tools: [
            NativeTool(name: "wipe", description: "needs admin", requiredScopes: ["admin"]) { _, _ in .text("wiped") },
            NativeTool(name: "read", description: "open") { _, _ in .text("read") },
        ])

    /// Starts `server` in a service group; the caller stops it.
    static func run(_ server: MCPProxyServer) -> (ServiceGroup, Task<Void, any Error>) {
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: TestServer.quietLogger))
        return (group, Task { try await group.run() })
    }

    // MARK: 1. Scopes deny without a principal

    @Test func aScopedToolRefusesEveryCallWithoutAuthentication() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: Self.scopedServer) { server in
            let denied = try await HTTP.rpc(server.url, RPC.call(7, "wipe"))
            #expect(denied.status == 403)
            #expect(denied.header("WWW-Authenticate") == nil)
            #expect(denied.json == [
                "jsonrpc": "2.0", "id": 7,
                "error": [
                    "code": -32001, "message": "Forbidden: tool wipe requires scopes admin",
                    "data": ["requiredScopes": ["admin"], "mcp-stateless/insufficientScope": ["scopes": ["admin"], "tool": "wipe"]],
                ],
            ])
            let modern = try await Modern.call(server.url, 8, tool: "wipe")
            #expect(modern.status == 403)
            #expect(modern.errorCode == -32001)
            let open = try await HTTP.rpc(server.url, RPC.call(9, "read"))
            #expect(open.status == 200)
            #expect(open.json?["result"]?["content"]?.arrayValue?.first?["text"] == "read")
        }
    }

    @Test func withAuthenticationAScopeRefusalIsAStepUpChallengeWithTheSameBody() async throws {
        let dev = DevTokenAuthenticator(token: "t", subject: "alice", scopes: ["mcp:read"])
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(dev.authenticate)), handler: Self.scopedServer) { server in
            let denied = try await HTTP.rpc(server.url, RPC.call(7, "wipe"), headers: [HTTP.bearer("t")])
            #expect(denied.status == 403)
            #expect(denied.header("WWW-Authenticate") == #"Bearer error="insufficient_scope", error_description="requires scope: admin", scope="admin""#)
            #expect(denied.json?["error"]?["message"] == "Forbidden: tool wipe requires scopes admin")
            #expect(denied.json?["error"]?["data"]?["requiredScopes"] == ["admin"])
        }
    }

    // MARK: 2. No authentication is loud and local

    @Test func disabledAuthenticationRefusesANonLoopbackBind() async throws {
        let capture = LogCapture()
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(host: "0.0.0.0", port: 0, stateless: true, authentication: .disabled()),
            handler: Self.scopedServer, logger: capture.logger)
        let refusal = await #expect(throws: MCPProxyServer.StartupRefusal.self) { try await server.run() }
        let expected = """
            refusing to start: authentication is disabled and the server would listen on 0.0.0.0, which is not a \
            loopback address. Configure authentication, bind 127.0.0.1, or allow it explicitly with \
            `authentication: .disabled(allowRemote: true)` (CLI: --allow-unauthenticated-remote).
            """
        #expect(refusal?.description == expected)
        #expect(capture.messages(at: .error) == [expected])
        #expect(await server.waitUntilListening() == nil)
    }

    @Test(arguments: ["localhost", "127.0.0.1", "127.8.9.10", "::1"])
    func disabledAuthenticationServesOnLoopbackAndSaysSoLoudly(host: String) async throws {
        let capture = LogCapture()
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(host: host, port: 0, stateless: true, authentication: .disabled()),
            handler: Self.scopedServer, logger: capture.logger)
        let (group, task) = Self.run(server)
        let port = try #require(await server.waitUntilListening())
        let shown = host.contains(":") ? "[\(host)]" : host
        #expect(capture.messages(at: .warning) == ["serving WITHOUT AUTHENTICATION on http://\(shown):\(port)/mcp: any local process can call every tool"])
        await group.triggerGracefulShutdown()
        try await task.value
    }

    @Test func allowRemoteIsTheOnlyWayToServeUnauthenticatedBeyondLoopback() async throws {
        let capture = LogCapture()
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(host: "0.0.0.0", port: 0, stateless: true, authentication: .disabled(allowRemote: true)),
            handler: Self.scopedServer, logger: capture.logger)
        let (group, task) = Self.run(server)
        let port = try #require(await server.waitUntilListening())
        #expect(capture.messages(at: .warning) == ["serving WITHOUT AUTHENTICATION on http://0.0.0.0:\(port)/mcp: anyone who can reach this address can call every tool"])
        await group.triggerGracefulShutdown()
        try await task.value
    }

    @Test func metadataWithoutAnAuthorizationServerIsALoudWarning() async throws {
        let capture = LogCapture()
        let verifier = try Self.verifier(issuer: nil)
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(
                host: "127.0.0.1", port: 0, stateless: true, authentication: .jwt(verifier), protectedResource: ProtectedResourceMetadata()),
            handler: Self.scopedServer, logger: capture.logger)
        let (group, task) = Self.run(server)
        _ = try #require(await server.waitUntilListening())
        #expect(capture.messages(at: .warning) == [
            """
            the protected-resource metadata names no authorization server: clients cannot discover where to get a token. \
            Set the authorization servers (`protectedResource.authorizationServers`) or the verifier's issuer (CLI: --issuer)
            """
        ])
        await group.triggerGracefulShutdown()
        try await task.value
    }

    @Test func loopbackIsParsedNotPrefixed() {
        for host in ["127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"] {
            #expect(LoopbackHost.contains(host), "\(host)")
        }
        for host in ["127.example.com", "127.0.0.1.nip.io", "0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0", "127.0.0.256", "localhost.evil", "::2", "", "[::1"] {
            #expect(!LoopbackHost.contains(host), "\(host)")
        }
        #expect(LoopbackHost.isWildcard("0.0.0.0") && LoopbackHost.isWildcard("::") && LoopbackHost.isWildcard("[::]"))
        #expect(!LoopbackHost.isWildcard("127.0.0.1") && !LoopbackHost.isWildcard("10.0.0.1"))
    }

    // MARK: 3. The audience never comes from the request

    @Test func aTokenForAnotherResourceIsRefusedWhateverHostSays() async throws {
        for fromHost in [false, true] {
            // billing.internal passes the Host check (DNS-rebinding defence) on purpose: the
            // audience must refuse the token on its own.
            let config = MCPProxyConfiguration(
                stateless: true, authentication: .jwt(try Self.verifier()), protectedResource: ProtectedResourceMetadata(),
                resourceFromHost: fromHost, allowedHosts: ["billing.internal"])
            try await withServer(config, handler: Self.scopedServer) { server in
                let foreign = Self.token(audience: "http://billing.internal/mcp")
                let body = RPC.call(1, "read")
                let forged = try await RawHTTP.exchange(
                    port: server.port,
                    "POST /mcp HTTP/1.1\r\nHost: billing.internal\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                        + "Authorization: Bearer \(foreign)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
                #expect(forged.text.hasPrefix("HTTP/1.1 401 "), "\(forged.text)")
                #expect(forged.text.contains("the token is not meant for this resource (aud)"))
                // The bound resource URL is the default audience.
                let own = try await HTTP.rpc(server.url, body, headers: [HTTP.bearer(Self.token(audience: server.url))])
                #expect(own.status == 200)
                // Metadata follows Host only when asked to.
                let metadata = try await RawHTTP.exchange(
                    port: server.port, "GET /.well-known/oauth-protected-resource/mcp HTTP/1.1\r\nHost: billing.internal\r\nConnection: close\r\n\r\n")
                let resource = fromHost ? "http://billing.internal/mcp" : server.url
                #expect(metadata.text.contains(#""resource":"\#(resource)""#), "\(metadata.text)")
            }
        }
    }

    @Test func aWildcardBindWithJWTNeedsAResourceOrAnAudience() async throws {
        let capture = LogCapture()
        let server = MCPProxyServer(
            configuration: MCPProxyConfiguration(host: "0.0.0.0", port: 0, stateless: true, authentication: .jwt(try Self.verifier())),
            handler: Self.scopedServer, logger: capture.logger)
        let refusal = await #expect(throws: MCPProxyServer.StartupRefusal.self) { try await server.run() }
        #expect(refusal?.description == """
            refusing to start: JWT authentication on the wildcard address 0.0.0.0 needs the URL clients use, to check \
            each token's audience: set the resource URL (`protectedResource.resource`, CLI: --resource) or the \
            verifier's audience (CLI: --audience).
            """)
    }

    @Test func aVerifierWithoutAnyAudienceRefusesEveryToken() async throws {
        let verifier = try Self.verifier()
        let head = RequestHead(method: .post, path: "/mcp", headers: [.authorization: "Bearer \(Self.token(audience: "x"))"])
        let error = await #expect(throws: AuthenticationError.self) { try await verifier.authenticate(head) }
        #expect(error?.status == .internalServerError)
    }

    // MARK: 4. Authorization metadata names the issuer

    @Test func theVerifiersIssuerIsPublishedWhenNoAuthorizationServerIsConfigured() async throws {
        let config = MCPProxyConfiguration(
            stateless: true, authentication: .jwt(try Self.verifier()), protectedResource: ProtectedResourceMetadata())
        try await withServer(config, handler: Self.scopedServer) { server in
            let metadata = try await HTTP.send(.GET, server.base + "/.well-known/oauth-protected-resource/mcp")
            #expect(metadata.json == [
                "resource": .string(server.url), "authorization_servers": ["https://as.test"], "bearer_methods_supported": ["header"],
            ])
        }
    }
}
