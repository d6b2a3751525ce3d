import MCPProxy
import Synchronization
import TestSupport
import Testing

@Suite struct AuthenticateTests {
    @Test func nilPrincipalIs401AndHandlerIsNeverCalled() async throws {
        let probe = AuthProbe()
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(probe.authenticator))) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer("unknown-token")])
            #expect(reply.status == 401)
            #expect(reply.header("WWW-Authenticate") == "Bearer")
            #expect(reply.body == #"{"error":{"code":-32000,"message":"Unauthorized: missing or invalid credentials"},"id":null,"jsonrpc":"2.0"}"#)
            #expect(probe.count == 1)
        }
    }

    @Test func thrownErrorsAre401AndAuthenticationErrorsKeepTheirStatus() async throws {
        let probe = AuthProbe()
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(probe.authenticator))) { server in
            let thrown = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("throws-token")])
            #expect(thrown.status == 401)
            #expect(thrown.errorCode == -32000)
            let forbidden = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("forbidden-token")])
            #expect(forbidden.status == 403)
            #expect(forbidden.header("WWW-Authenticate") == #"Bearer error="insufficient_scope", scope="admin""#)
            #expect(forbidden.errorMessage == "Forbidden: account disabled")
        }
    }

    @Test func authenticateRunsExactlyOncePerRequestInBothModes() async throws {
        for stateless in [true, false] {
            let probe = AuthProbe()
            let config = MCPProxyConfiguration(stateless: stateless, authentication: .required(probe.authenticator), drainTimeout: .milliseconds(300))
            try await withServer(config) { server in
                let token = [HTTP.bearer("alice-token")]
                let initialize = try await HTTP.rpc(server.url, RPC.initialize, headers: token)
                let session = initialize.header("Mcp-Session-Id").map { [("Mcp-Session-Id", $0)] } ?? []
                for id in 0..<5 {
                    let reply = try await HTTP.rpc(server.url, RPC.call(10 + id, "echo", #"{"text":"hi"}"#), headers: token + session)
                    #expect(reply.status == 200)
                }
                #expect(probe.count == 6, "stateless=\(stateless)")
                if !stateless {
                    let delete = try await HTTP.send(.DELETE, server.url, headers: token + session)
                    #expect(delete.status == 204)
                    #expect(probe.count == 7)
                }
            }
        }
    }

    @Test func everyRequestIsCheckedNotJustTheFirst() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))) { server in
            let valid = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("alice-token")])
            let invalid = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("stale")])
            let validAgain = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("alice-token")])
            #expect([valid.status, invalid.status, validAgain.status] == [200, 401, 200])
        }
    }

    @Test func principalReachesOnlyItsOwnRequestUnderConcurrency() async throws {
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(AuthProbe().authenticator))) { server in
            try await withThrowingTaskGroup(of: (String, String?).self) { group in
                for index in 0..<40 {
                    let (token, subject) = index % 2 == 0 ? ("alice-token", "alice") : ("bob-token", "bob")
                    group.addTask {
                        let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer(token)])
                        return (subject, reply.json?["result"]?["structuredContent"]?["subject"]?.stringValue)
                    }
                }
                for try await (expected, seen) in group {
                    #expect(seen == expected)
                }
            }
            let alice = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer("alice-token")])
            #expect(alice.json?["result"]?["structuredContent"] == ["subject": "alice", "scopes": ["mcp:read"]])
        }
    }

    @Test func healthRoutesAreNeverAuthenticated() async throws {
        let probe = AuthProbe()
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(probe.authenticator))) { server in
            let ping = try await HTTP.send(.GET, server.base + "/ping")
            #expect(ping.status == 200)
            #expect(ping.body == "pong")
            let health = try await HTTP.send(.GET, server.base + "/health")
            #expect(health.body == #"{"status":"ok"}"#)
            let ready = try await HTTP.send(.GET, server.base + "/ready")
            #expect(ready.status == 200)
            let unknown = try await HTTP.send(.GET, server.base + "/nope")
            #expect(unknown.status == 404)
            #expect(probe.count == 0)
        }
    }

    @Test func authenticateSeesThePeerAddressAndCanReplaceIt() async throws {
        let seen = Mutex<[String?]>([])
        let authenticator: Authenticator = { head in
            var copy = head
            seen.withLock { $0.append(head.remoteAddress) }
            copy.remoteAddress = "10.0.0.1:99"
            seen.withLock { $0.append(copy.remoteAddress) }
            return Principal(subject: "alice")
        }
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(authenticator))) { server in
            let reply = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("any")])
            #expect(reply.status == 200)
        }
        let addresses = seen.withLock { $0 }
        #expect(addresses.count == 2)
        let peer = try #require(addresses.first ?? nil)
        #expect(peer.hasPrefix("127.0.0.1:") && Int(peer.dropFirst("127.0.0.1:".count)).map { $0 > 0 } == true, "\(peer)")
        #expect(addresses.last == "10.0.0.1:99")
        #expect(RequestHead(method: .post, path: "/mcp", headers: [:], remoteAddress: "[::1]:8080").remoteAddress == "[::1]:8080")
        #expect(RequestHead(method: .post, path: "/mcp", headers: [:]).remoteAddress == nil)
    }

    @Test func devTokenAuthenticator() async throws {
        let dev = DevTokenAuthenticator(token: "s3cret")
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(dev.authenticate))) { server in
            let ok = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [("Authorization", "bearer s3cret")])
            #expect(ok.json?["result"]?["content"]?.arrayValue?.first?["text"] == "dev-user")
            let wrong = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("s3cret2")])
            #expect(wrong.status == 401)
            #expect(wrong.header("WWW-Authenticate") == #"Bearer error="invalid_token", error_description="the token is not valid""#)
            let basic = try await HTTP.rpc(server.url, RPC.toolsList, headers: [("Authorization", "Basic czNjcmV0")])
            #expect(basic.status == 401)
            #expect(basic.header("WWW-Authenticate") == "Bearer")
            let twice = try await HTTP.rpc(server.url, RPC.toolsList, headers: [HTTP.bearer("s3cret"), HTTP.bearer("s3cret")])
            #expect(twice.status == 400)
            #expect(twice.header("WWW-Authenticate") == #"Bearer error="invalid_request", error_description="more than one Authorization header""#)
        }
    }
}
