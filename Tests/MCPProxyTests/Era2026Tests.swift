import MCPProxy
import TestSupport
import Testing

/// The 2026-07-28 revision on the same endpoint.
@Suite struct Era2026Tests {
    let stateless = MCPProxyConfiguration(stateless: true, authentication: .disabled())
    let serverInfoMeta: JSONValue = [MetaKey.serverInfo: ["name": "mcp-example", "version": .string(ExampleServer.version)]]

    @Test func discover() async throws {
        try await withServer(stateless) { server in
            let reply = try await Modern.send(server.url, 1, "server/discover")
            #expect(reply.status == 200)
            #expect(reply.header("Mcp-Session-Id") == nil)
            #expect(reply.json?["result"] == [
                "supportedVersions": ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"],
                "capabilities": ["logging": [:], "tools": ["listChanged": false], "resources": ["listChanged": false, "subscribe": false]],
                "instructions": "Example server: echo text, add numbers, and ask who you are.",
                "ttlMs": 60000, "cacheScope": "private", "resultType": "complete",
                "_meta": serverInfoMeta,
            ])
        }
    }

    @Test func listsCarryCacheHintsAndEveryResultServerInfo() async throws {
        let config = MCPProxyConfiguration(stateless: false, authentication: .disabled(), cacheHint: CacheHint(ttlMs: 5000, scope: .public))
        try await withServer(config) { server in
            let list = try await Modern.send(server.url, 2, "tools/list")
            #expect(list.status == 200)
            #expect(list.header("Mcp-Session-Id") == nil, "no session, even on a stateful server")
            let result = try #require(list.json?["result"])
            #expect(result["ttlMs"] == 5000)
            #expect(result["cacheScope"] == "public")
            #expect(result["resultType"] == "complete")
            #expect(result["_meta"] == serverInfoMeta)
            #expect(result["tools"]?.arrayValue?.count == 3)
            let call = try await Modern.call(server.url, 3, tool: "add", arguments: ["a": 1, "b": 2])
            #expect(call.json?["result"] == [
                "content": [["type": "text", "text": "3"]], "structuredContent": ["sum": 3], "isError": false,
                "resultType": "complete", "_meta": serverInfoMeta,
            ])
            let read = try await Modern.send(server.url, 4, "resources/read", params: ["uri": "example://readme"], name: "example://readme")
            #expect(read.json?["result"]?["ttlMs"] == 5000)
            #expect(server.server.sessions.count == 0)
        }
    }

    @Test func missingOrMismatchedRoutingHeaders() async throws {
        try await withServer(stateless) { server in
            let body = Modern.body(5, "tools/list")
            let noHeaders = try await HTTP.rpc(server.url, body)
            #expect(noHeaders.status == 400)
            #expect(noHeaders.errorCode == -32020)
            #expect(noHeaders.json?["id"] == 5)
            let noMethod = try await HTTP.rpc(server.url, body, headers: [("MCP-Protocol-Version", Modern.version)])
            #expect(noMethod.errorCode == -32020)
            #expect(noMethod.errorMessage == "Header mismatch: Mcp-Method header does not match the method")
            let wrongMethod = try await HTTP.rpc(server.url, body, headers: Modern.headers("prompts/list"))
            #expect(wrongMethod.errorCode == -32020)
            let echo = Modern.body(6, "tools/call", params: ["name": "echo", "arguments": ["text": "x"]])
            let noName = try await HTTP.rpc(server.url, echo, headers: Modern.headers("tools/call"))
            #expect(noName.status == 400)
            #expect(noName.errorMessage == "Header mismatch: Mcp-Name header does not match params.name")
            let wrongName = try await HTTP.rpc(server.url, echo, headers: Modern.headers("tools/call", name: "add"))
            #expect(wrongName.errorCode == -32020)
            let twice = try await HTTP.rpc(server.url, echo, headers: Modern.headers("tools/call", name: "echo") + [("Mcp-Method", "tools/call")])
            #expect(twice.errorCode == -32020)
            let versionMismatch = try await HTTP.rpc(server.url, body, headers: Modern.headers("tools/list", version: "2026-12-01"))
            #expect(versionMismatch.errorCode == -32020)
        }
    }

    @Test func base64EncodedNames() async throws {
        let handler = NativeMCPServer(name: "t", version: "1", tools: [NativeTool(name: "grüße", description: "non-ASCII name") { _, _ in .text("hallo") }])
        try await withServer(stateless, handler: handler) { server in
            let encoded = HeaderValueCodec.encode("grüße")
            #expect(encoded == "=?base64?Z3LDvMOfZQ==?=")
            let body = Modern.body(7, "tools/call", params: ["name": "grüße"])
            let ok = try await HTTP.rpc(server.url, body, headers: Modern.headers("tools/call", name: encoded))
            #expect(ok.status == 200)
            #expect(ok.json?["result"]?["content"]?.arrayValue?.first?["text"] == "hallo")
            let malformed = try await HTTP.rpc(server.url, body, headers: Modern.headers("tools/call", name: "=?base64?Z3LDvMOfZQ=?="))
            #expect(malformed.errorCode == -32020)
        }
    }

    @Test func unsupportedVersionNamesWhatIsServed() async throws {
        try await withServer(stateless) { server in
            var meta = Modern.envelope
            meta[MetaKey.protocolVersion] = "2027-01-01"
            let reply = try await HTTP.rpc(server.url, Modern.body(8, "tools/list", meta: meta), headers: Modern.headers("tools/list", version: "2027-01-01"))
            #expect(reply.status == 400)
            #expect(reply.body == #"{"error":{"code":-32022,"data":{"requested":"2027-01-01","supported":["2026-07-28"]},"message":"Unsupported protocol version"},"id":8,"jsonrpc":"2.0"}"#)
        }
    }

    @Test func missingEnvelopeKeys() async throws {
        try await withServer(stateless) { server in
            let meta: [String: JSONValue] = [MetaKey.protocolVersion: .string(Modern.version)]
            let reply = try await HTTP.rpc(server.url, Modern.body(9, "tools/list", meta: meta), headers: Modern.headers("tools/list"))
            #expect(reply.status == 400)
            #expect(reply.errorCode == -32602)
            #expect(reply.errorMessage == "Invalid params: params._meta is missing io.modelcontextprotocol/clientCapabilities")
        }
    }

    @Test func unknownAndRemovedMethodsAre404() async throws {
        try await withServer(stateless) { server in
            for method in ["initialize", "ping", "no/such/method", "resources/subscribe"] {
                let reply = try await Modern.send(server.url, 10, method)
                #expect(reply.status == 404, "\(method)")
                #expect(reply.errorCode == -32601, "\(method)")
            }
        }
    }

    @Test func handlerErrorsMapToStatuses() async throws {
        let handler = NativeMCPServer(
            name: "t", version: "1",
            tools: [NativeTool(name: "sample", description: "needs sampling") { _, context in
                try context.requireClientCapability("sampling")
                return .text("would sample")
            }])
        try await withServer(stateless, handler: handler) { server in
            let unknownTool = try await Modern.call(server.url, 11, tool: "nope")
            #expect(unknownTool.status == 400)
            #expect(unknownTool.errorCode == -32602)
            let needsSampling = try await Modern.call(server.url, 12, tool: "sample")
            #expect(needsSampling.status == 400)
            #expect(needsSampling.body == #"{"error":{"code":-32021,"data":{"requiredCapabilities":["sampling"]},"message":"Missing required client capability: sampling"},"id":12,"jsonrpc":"2.0"}"#)
            var meta = Modern.envelope
            meta[MetaKey.clientCapabilities] = ["sampling": [:]]
            let declared = try await HTTP.rpc(
                server.url, Modern.body(13, "tools/call", params: ["name": "sample"], meta: meta), headers: Modern.headers("tools/call", name: "sample"))
            #expect(declared.status == 200)
        }
    }

    @Test func notificationsAndPostedResponses() async throws {
        try await withServer(stateless) { server in
            let notification = JSONWriter.string(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 1, "_meta": .object(Modern.envelope)]])
            let accepted = try await HTTP.rpc(server.url, notification, headers: Modern.headers("notifications/cancelled"))
            #expect(accepted.status == 202)
            #expect(accepted.body == "")
            let badVersion = try await HTTP.rpc(server.url, notification, headers: Modern.headers("notifications/cancelled", version: "2030-01-01"))
            #expect(badVersion.status == 400)
            #expect(badVersion.errorCode == -32022)
            let response = try await HTTP.rpc(server.url, #"{"jsonrpc":"2.0","id":1,"result":{}}"#, headers: Modern.headers("x", version: "2026-07-28"))
            #expect(response.status == 400)
            #expect(response.errorCode == -32600)
        }
    }

    @Test func authAndCORSAreIdentical() async throws {
        let probe = AuthProbe()
        try await withServer(MCPProxyConfiguration(stateless: true, authentication: .required(probe.authenticator))) { server in
            let origin = ("Origin", "http://localhost:3000")
            let noToken = try await Modern.send(server.url, 1, "tools/list", extra: [origin])
            #expect(noToken.status == 401)
            #expect(noToken.header("WWW-Authenticate") == "Bearer")
            #expect(noToken.header("Access-Control-Expose-Headers") == "Mcp-Session-Id, WWW-Authenticate")
            let alice = try await Modern.call(server.url, 2, tool: "whoami", extra: [origin, HTTP.bearer("alice-token")])
            #expect(alice.json?["result"]?["structuredContent"]?["subject"] == "alice")
            let bad = try await Modern.call(server.url, 3, tool: "whoami", extra: [HTTP.bearer("nope")])
            #expect(bad.status == 401)
            #expect(probe.count == 3)
            let preflight = try await HTTP.send(
                .OPTIONS, server.url, headers: [origin, ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "mcp-method, mcp-name")])
            #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Mcp-Method, Mcp-Name") == true)
        }
    }

    @Test func progressStreamsInTheModernEraToo() async throws {
        try await withServer(stateless, handler: ExampleServer.make(slowToolDelay: .milliseconds(5))) { server in
            var meta = Modern.envelope
            meta["progressToken"] = "p"
            let reply = try await HTTP.rpc(
                server.url, Modern.body(14, "tools/call", params: ["name": "slow"], meta: meta), headers: Modern.headers("tools/call", name: "slow"))
            #expect(reply.header("Content-Type") == "text/event-stream")
            #expect(reply.body.contains(#""resultType":"complete""#))
            #expect(reply.body.contains("notifications/progress"))
        }
    }
}
