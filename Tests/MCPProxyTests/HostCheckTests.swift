import MCPProxy
import TestSupport
import Testing

/// DNS rebinding: a loopback-bound server answers only to loopback names, its resource's
/// host and `allowedHosts`; `Host` must be present once; `Origin` must be a serialized origin.
@Suite struct HostCheckTests {
    func post(_ port: Int, host: String?, extra: String = "") async throws -> String {
        let body = RPC.call(1, "echo", #"{"text":"hi"}"#)
        let hostLine = host.map { "Host: \($0)\r\n" } ?? ""
        let request = "POST /mcp HTTP/1.1\r\n\(hostLine)\(extra)Content-Type: application/json\r\nAccept: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        return try await RawHTTP.exchange(port: port, request).text
    }

    @Test func aForeignHostIsRefusedOnLoopbackEvenWithAnAllowedOrigin() async throws {
        let config = MCPProxyConfiguration(
            stateless: true, authentication: .disabled(), protectedResource: ProtectedResourceMetadata(resource: "https://mcp.example.com/mcp"),
            allowedHosts: ["mcp.internal"])
        try await withServer(config) { server in
            let port = server.port
            let rebinding = try await post(port, host: "evil.example", extra: "Origin: http://localhost:6274\r\n")
            #expect(rebinding.hasPrefix("HTTP/1.1 403 "), "\(rebinding)")
            #expect(rebinding.contains(#""message":"Forbidden: host not allowed""#))
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST", "mcp.internal:8443", "mcp.example.com"] {
                let reply = try await post(port, host: host)
                #expect(reply.hasPrefix("HTTP/1.1 200 "), "\(host): \(reply)")
            }
        }
    }

    @Test func hostMustBePresentExactlyOnce() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled())) { server in
            let missing = try await post(server.port, host: nil)
            #expect(missing.hasPrefix("HTTP/1.1 400 "), "\(missing)")
            #expect(missing.contains("the Host header is required"))
            let twice = try await post(server.port, host: "127.0.0.1", extra: "Host: evil.example\r\n")
            #expect(twice.hasPrefix("HTTP/1.1 400 "), "\(twice)")
            #expect(twice.contains("more than one Host header"))
        }
    }

    @Test func anOriginThatIsNotASerializedOriginIsRefusedNotEchoed() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), allowedOrigins: ["*"])) { server in
            for origin in ["http://app.example/", "http://app.example/path", "javascript:alert(1)", "http://user@app.example"] {
                let reply = try await HTTP.rpc(server.url, RPC.call(1, "echo", #"{"text":"x"}"#), headers: [("Origin", origin)])
                #expect(reply.status == 403, "\(origin)")
                #expect(reply.header("Access-Control-Allow-Origin") == nil, "\(origin)")
            }
            let fine = try await HTTP.rpc(server.url, RPC.call(1, "echo", #"{"text":"x"}"#), headers: [("Origin", "http://app.example")])
            #expect(fine.status == 200)
            #expect(fine.header("Access-Control-Allow-Origin") == "http://app.example")
        }
        #expect(OriginPolicy(["https://app.example.com/"]).allows("https://app.example.com"), "a configured trailing slash is forgiven")
    }

    @Test func aPublicBindChecksHostOnlyWhenAllowedHostsAreSet() {
        #expect(HostPolicyProbe.enforced(host: "0.0.0.0", allowed: []) == false)
        #expect(HostPolicyProbe.enforced(host: "0.0.0.0", allowed: ["mcp.example.com"]) == true)
        #expect(HostPolicyProbe.enforced(host: "127.0.0.1", allowed: []) == true)
    }
}
