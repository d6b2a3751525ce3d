import MCPProxy
import TestSupport
import Testing

/// Pins the documented order of checks on the MCP endpoint (docs/http-behaviour.md).
@Suite struct OrderOfChecksTests {
    func config(_ probe: AuthProbe, stateless: Bool = true, maxBody: Int = 1024) -> MCPProxyConfiguration {
        MCPProxyConfiguration(stateless: stateless, authentication: .required(probe.authenticator), maxBodySize: maxBody)
    }

    @Test func preflightIsNeverAuthenticatedEvenForDisallowedOrigins() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let allowed = try await HTTP.send(.OPTIONS, server.url, headers: [("Origin", "http://localhost:5173"), ("Access-Control-Request-Method", "POST")])
            #expect(allowed.status == 204)
            #expect(allowed.header("Access-Control-Allow-Origin") == "http://localhost:5173")
            let disallowed = try await HTTP.send(.OPTIONS, server.url, headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
            #expect(disallowed.status == 204)
            #expect(disallowed.header("Access-Control-Allow-Origin") == nil)
            #expect(probe.count == 0)
        }
    }

    @Test func disallowedOriginIsRefusedBeforeAuthentication() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let reply = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Origin", "https://evil.example")])
            #expect(reply.status == 403)
            #expect(reply.errorCode == -32000)
            #expect(reply.errorMessage == "Forbidden: origin not allowed")
            #expect(reply.header("Access-Control-Allow-Origin") == nil)
            #expect(probe.count == 0)
        }
    }

    @Test func methodIsCheckedBeforeSizeAndAuthentication() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let reply = try await HTTP.send(.GET, server.url, headers: [("Accept", "text/event-stream")])
            #expect(reply.status == 405)
            #expect(reply.header("Allow") == "POST")
            #expect(reply.errorCode == -32000)
            let put = try await HTTP.send(.PUT, server.url, body: String(repeating: "x", count: 4096))
            #expect(put.status == 405)
            #expect(probe.count == 0)
        }
    }

    @Test func declaredOversizeIsRefusedBeforeAuthentication() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let reply = try await HTTP.rpc(server.url, String(repeating: " ", count: 2048) + RPC.toolsList)
            #expect(reply.status == 413)
            #expect(reply.errorMessage == "Payload too large: the limit is 1024 bytes")
            #expect(probe.count == 0)
        }
    }

    @Test func authenticationComesBeforeMediaTypeChecks() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let noToken = try await HTTP.send(.POST, server.url, headers: [("Content-Type", "text/plain")], body: "hello")
            #expect(noToken.status == 401)
            #expect(noToken.header("WWW-Authenticate") == "Bearer")
            let withToken = try await HTTP.send(
                .POST, server.url, headers: [("Content-Type", "text/plain"), HTTP.bearer("alice-token")], body: "hello")
            #expect(withToken.status == 415)
            #expect(withToken.errorMessage == "Unsupported Media Type: Content-Type must be application/json")
            #expect(probe.count == 2)
        }
    }

    @Test func acceptIsCheckedAfterContentType() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let reply = try await HTTP.send(
                .POST, server.url, headers: [("Content-Type", "application/json"), ("Accept", "text/html"), HTTP.bearer("alice-token")],
                body: RPC.toolsList)
            #expect(reply.status == 406)
            for accept in ["*/*", "application/json", "text/event-stream"] {
                let ok = try await HTTP.send(
                    .POST, server.url, headers: [("Content-Type", "application/json"), ("Accept", accept), HTTP.bearer("alice-token")],
                    body: RPC.toolsList)
                #expect(ok.status == 200, "Accept: \(accept)")
            }
            let missing = try await HTTP.send(
                .POST, server.url, headers: [("Content-Type", "application/json; charset=utf-8"), HTTP.bearer("alice-token")], body: RPC.toolsList)
            #expect(missing.status == 200)
        }
    }

    @Test func parseErrorsAndInvalidRequests() async throws {
        let probe = AuthProbe()
        try await withServer(config(probe)) { server in
            let token = [HTTP.bearer("alice-token")]
            let garbage = try await HTTP.rpc(server.url, "{not json", headers: token)
            #expect(garbage.status == 400)
            #expect(garbage.errorCode == -32700)
            #expect(garbage.json?["id"] == .null)
            let notRPC = try await HTTP.rpc(server.url, #"{"hello":"world"}"#, headers: token)
            #expect(notRPC.status == 400)
            #expect(notRPC.errorCode == -32600)
            let wrongVersion = try await HTTP.rpc(server.url, #"{"jsonrpc":"1.0","id":7,"method":"ping"}"#, headers: token)
            #expect(wrongVersion.status == 400)
            #expect(wrongVersion.errorCode == -32600)
            #expect(wrongVersion.json?["id"] == 7)
            let batch = try await HTTP.rpc(server.url, "[" + RPC.toolsList + "]", headers: token)
            #expect(batch.status == 400)
            #expect(batch.errorMessage == "Invalid Request: JSON-RPC batches are not supported")
            let deep = try await HTTP.rpc(server.url, String(repeating: "[", count: 300) + String(repeating: "]", count: 300), headers: token)
            #expect(deep.status == 400)
            #expect(deep.errorCode == -32700)
        }
    }

    @Test func unsupportedProtocolVersionHeaderOnALegacyOnlyServer() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled(), eras: [.legacy2025])) { server in
            let reply = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("MCP-Protocol-Version", "1999-01-01")])
            #expect(reply.status == 400)
            #expect(reply.errorMessage == "Bad Request: Unsupported protocol version: 1999-01-01")
            #expect(reply.json?["error"]?["data"] == ["supported": ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"], "requested": "1999-01-01"])
            #expect(reply.json?["id"] == 2)
            for version in ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] {
                let ok = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("MCP-Protocol-Version", version)])
                #expect(ok.status == 200, "version \(version)")
            }
        }
    }

    @Test func aNon2025VersionHeaderIsServedBy2026Rules() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .disabled())) { server in
            let reply = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("MCP-Protocol-Version", "1999-01-01")])
            #expect(reply.status == 400)
            #expect(reply.errorCode == -32602)
        }
    }
}
