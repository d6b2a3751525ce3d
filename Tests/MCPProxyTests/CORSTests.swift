import MCPProxy
import TestSupport
import Testing

@Suite struct CORSTests {
    let origin = ("Origin", "http://localhost:3000")

    func preflight(_ server: TestServer, origin: String = "http://localhost:3000") async throws -> HTTPReply {
        try await HTTP.send(
            .OPTIONS, server.url,
            headers: [("Origin", origin), ("Access-Control-Request-Method", "POST"),
                      ("Access-Control-Request-Headers", "authorization, content-type, mcp-protocol-version")])
    }

    @Test func preflightDefaults() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))) { server in
            let reply = try await preflight(server)
            #expect(reply.status == 204)
            #expect(reply.body == "")
            #expect(reply.header("Access-Control-Allow-Origin") == "http://localhost:3000")
            #expect(reply.header("Vary") == "Origin")
            #expect(reply.header("Access-Control-Allow-Methods") == "GET, POST, DELETE, OPTIONS")
            #expect(reply.header("Access-Control-Allow-Headers") == "Content-Type, Authorization, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name")
            #expect(reply.header("Access-Control-Expose-Headers") == "Mcp-Session-Id, WWW-Authenticate")
            #expect(reply.header("Access-Control-Max-Age") == "600")
            #expect(reply.header("Access-Control-Allow-Credentials") == nil)
        }
    }

    @Test func exposeHeadersOnEveryResponseIncludingErrors() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))) { server in
            let unauthorized = try await HTTP.rpc(server.url, RPC.toolsList, headers: [origin])
            #expect(unauthorized.status == 401)
            #expect(unauthorized.header("Access-Control-Expose-Headers") == "Mcp-Session-Id, WWW-Authenticate")
            #expect(unauthorized.header("Access-Control-Allow-Origin") == "http://localhost:3000")
            let ok = try await HTTP.rpc(server.url, RPC.toolsList, headers: [origin, HTTP.bearer("alice-token")])
            #expect(ok.status == 200)
            #expect(ok.header("Access-Control-Expose-Headers") == "Mcp-Session-Id, WWW-Authenticate")
            #expect(ok.header("Access-Control-Allow-Origin") == "http://localhost:3000")
            #expect(ok.header("Access-Control-Allow-Methods") == nil)
        }
    }

    @Test func addingKeepsDefaultsAndReplacingDoesNot() async throws {
        let added = CORSOptions.default.addingAllowedHeaders(["X-Custom", "authorization"])
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), cors: added)) { server in
            let reply = try await preflight(server)
            #expect(reply.header("Access-Control-Allow-Headers") == "Content-Type, Authorization, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name, X-Custom")
        }
        let replaced = CORSOptions.default.replacingAllowedHeaders(["Content-Type", "Authorization"])
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), cors: replaced)) { server in
            let reply = try await preflight(server)
            #expect(reply.header("Access-Control-Allow-Headers") == "Content-Type, Authorization")
        }
    }

    @Test func credentialsNeverWithWildcard() async throws {
        let options = CORSOptions(allowedHeaders: ["*"], allowCredentials: true)
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), allowedOrigins: ["*"], cors: options)) { server in
            let reply = try await preflight(server, origin: "https://app.example.com")
            #expect(reply.header("Access-Control-Allow-Origin") == "https://app.example.com")
            #expect(reply.header("Access-Control-Allow-Credentials") == "true")
            #expect(reply.header("Access-Control-Allow-Headers")?.contains("*") == false)
            #expect(reply.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
        }
    }

    @Test func corsOffSendsNoHeadersButOriginCheckStays() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), cors: .disabled)) { server in
            let reply = try await preflight(server)
            #expect(reply.status == 204)
            #expect(reply.header("Access-Control-Allow-Origin") == nil)
            #expect(reply.header("Vary") == nil)
            let evil = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Origin", "https://evil.example")])
            #expect(evil.status == 403)
        }
    }

    @Test func disallowedOriginGetsNoCORSHeaders() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), allowedOrigins: ["https://app.example.com"])) { server in
            let evil = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Origin", "http://localhost:3000")])
            #expect(evil.status == 403)
            #expect(evil.header("Access-Control-Allow-Origin") == nil)
            let good = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Origin", "https://app.example.com")])
            #expect(good.status == 200)
            #expect(good.header("Access-Control-Allow-Origin") == "https://app.example.com")
            let noOrigin = try await HTTP.rpc(server.url, RPC.toolsList)
            #expect(noOrigin.status == 200)
        }
    }

    @Test func originPolicyDefaultsAndPatterns() {
        let loopback = OriginPolicy.defaultFor(host: "127.0.0.1")
        #expect(loopback.allows("http://localhost:5173"))
        #expect(loopback.allows("http://127.0.0.1"))
        #expect(loopback.allows("http://[::1]:8080"))
        #expect(!loopback.allows("https://localhost.evil.com"))
        #expect(!loopback.allows("http://evil.com"))
        #expect(!loopback.allows("null"))
        #expect(OriginPolicy.defaultFor(host: "0.0.0.0").allows("https://anything.example"))
        let exact = OriginPolicy(["https://App.Example.com"])
        #expect(exact.allows("https://app.example.com"))
        #expect(exact.allows("https://app.example.com:443"))
        #expect(!exact.allows("http://app.example.com"))
        #expect(!exact.allows("https://app.example.com:8443"))
    }
}
