import FastMCP
import MCPCore
import MCPProxy
import ExampleServers
import MCPTesting
import HTTPTypes
import Testing

/// What one pass of calls observed; the same in process and live, in each era.
struct Observation: Equatable {
    var tools: [String]
    var sum: NotesServer.Sum
    var identity: NotesServer.Identity
    var progress: [ToolCallResult.ProgressUpdate]
    var countText: String
    var logs: [ToolCallResult.LogMessage]
    var toolError: [String]
    var scopedRefusal: String
    var unknownTool: String
    var badArguments: Bool
    var resource: [String]
    var templates: [String]
    var templated: [String]
    var prompt: [String]
    var contentType: String?
}

@Suite struct MCPTestClientTests {
    static let alice = Principal(subject: "alice", scopes: ["mcp:read"])

    /// Runs the same calls and records what came back.
    func observe(_ client: MCPTestClient) async throws -> Observation {
        let sum = try await client.callTool("add", arguments: NotesServer.AddArguments(a: 2, b: 3))
        let identity = try await client.callTool("whoami").decode(NotesServer.Identity.self)
        let count = try await client.callTool("count", arguments: ["steps": 3])
        let failed = try await client.callTool("missing_note", arguments: ["title": "x"])
        let scoped = await #expect(throws: MCPTestError.self) { try await client.callTool("delete_note", arguments: ["title": "x"]) }
        let unknown = await #expect(throws: MCPTestError.self) { try await client.callTool("nope") }
        let bad = try await client.callTool("add", arguments: ["a": "two"])
        return Observation(
            tools: try await client.listTools().map(\.name),
            sum: try sum.decode(), identity: identity, progress: count.progress, countText: count.text, logs: count.logs,
            toolError: [String(failed.isError), failed.text],
            scopedRefusal: Self.describe(scoped), unknownTool: Self.describe(unknown),
            badArguments: bad.isError,
            resource: try await client.readResource("notes://index").compactMap(\.text),
            templates: try await client.listResourceTemplates().map(\.uriTemplate),
            templated: try await client.readResource("notes://ideas").compactMap(\.text),
            prompt: try await client.getPrompt("greet", arguments: ["name": "Bo"]).texts,
            contentType: sum.reply.header("Content-Type"))
    }

    /// An error as `status code`, the part both modes must agree on.
    static func describe(_ error: MCPTestError?) -> String {
        switch error {
        case .rpc(let code, _, _, let status)?: return "\(status) \(code)"
        case .http(let status, _)?: return "\(status) http"
        case let other?: return "\(other)"
        case nil: return "no error"
        }
    }

    @Test(arguments: [ProtocolEra.modern2026, .legacy2025])
    func theSameCallsGiveTheSameResultsInProcessAndLive(era: ProtocolEra) async throws {
        let server = try NotesServer.make()
        let inProcess = try await server.testClient(principal: Self.alice, era: era)
        let live = try await server.testClient(principal: Self.alice, era: era, mode: .live)
        defer { _ = live }
        let here = try await observe(inProcess)
        let there = try await observe(live)
        await live.close()
        #expect(here == there)

        // And what both saw is right, not merely equal.
        #expect(here.tools == ["add", "whoami", "delete_note", "count", "missing_note"])
        #expect(here.sum == NotesServer.Sum(sum: 5))
        #expect(here.identity == NotesServer.Identity(subject: "alice", scopes: ["mcp:read"]))
        #expect(here.progress.map(\.progress) == [1, 2, 3])
        #expect(here.progress.map(\.total) == [3, 3, 3])
        #expect(here.progress.last?.message == "step 3")
        #expect(here.countText == "counted to 3")
        #expect(here.toolError == ["true", "no note titled x"])
        #expect(here.badArguments)
        #expect(here.resource == ["groceries\nideas"])
        #expect(here.templates == ["notes://{title}"])
        #expect(here.templated == ["the note ideas"])
        #expect(here.prompt == ["Say hello to Bo."])
        #expect(here.logs == [ToolCallResult.LogMessage(level: "info", logger: "count", data: "counted to 3")])
        // A missing scope is 403 in both eras; an unknown tool is -32602, which only the
        // 2026 era maps to an HTTP status.
        #expect(here.scopedRefusal == "403 -32001")
        #expect(here.unknownTool == (era == .modern2026 ? "400 -32602" : "200 -32602"))
        #expect(here.contentType == "application/json")
    }
}

@Suite struct MCPTestClientModeTests {
    static let modes: [MCPTestMode] = [.inProcess, .live]

    @Test(arguments: modes)
    func aScopedToolRunsForAPrincipalWithItsScope(mode: MCPTestMode) async throws {
        let client = try await NotesServer.make().testClient(principal: Principal(subject: "bo", scopes: ["notes:write"]), mode: mode)
        let result = try await client.callTool("delete_note", arguments: ["title": "ideas"])
        await client.close()
        #expect(!result.isError)
        #expect(result.text == "deleted ideas")
    }

    @Test(arguments: modes, [ProtocolEra.legacy2025, .modern2026])
    func aStatefulServerGivesA2025SessionAndServesOnIt(mode: MCPTestMode, era: ProtocolEra) async throws {
        let client = try await NotesServer.make().testClient(era: era, mode: mode, stateless: false)
        let sum = try await client.callTool("add", arguments: ["a": 1, "b": 1])
        let session = client.sessionID
        await client.close()
        #expect(try sum.decode(NotesServer.Sum.self) == NotesServer.Sum(sum: 2))
        if era == .legacy2025 {
            #expect(session?.isEmpty == false)
            #expect(client.protocolVersion == "2025-11-25")
        } else {
            #expect(session == nil)
            #expect(client.protocolVersion == "2026-07-28")
        }
    }

    @Test(arguments: modes)
    func aStatelessServerGivesNoSession(mode: MCPTestMode) async throws {
        let client = try await NotesServer.make().testClient(era: .legacy2025, mode: mode)
        await client.close()
        #expect(client.sessionID == nil)
    }

    @Test(arguments: modes)
    func theRoutingHeadersAreCheckedAsOverHTTP(mode: MCPTestMode) async throws {
        let client = try await NotesServer.make().testClient(mode: mode)
        let reply = try await client.send(
            "tools/call", params: ["name": "add", "arguments": ["a": 1, "b": 2]], headers: [HTTPField.Name("Mcp-Name")!: "whoami"])
        await client.close()
        #expect(reply.status == 400)
        #expect(reply.response?["error"]?["code"] == -32020)
        #expect(reply.response?["error"]?["message"]?.stringValue?.contains("Mcp-Name header does not match params.name") == true)
    }

    @Test func liveModeVerifiesTheMintedTokenOnEveryRequest() async throws {
        let client = try await NotesServer.make().testClient(principal: Principal(subject: "carol", scopes: ["a", "b"]), mode: .live)
        let url = try #require(client.url)
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(url.hasSuffix("/mcp"))
        let token = try #require(client.token)
        let claims = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
        let payload = try JSONParser.parse(claims)
        #expect(payload["sub"] == "carol")
        #expect(payload["scope"] == "a b")

        let forged = try await client.send("tools/list", headers: [.authorization: "Bearer \(token.dropLast(2))xx"])
        let missing = try await client.send("tools/list", headers: [.authorization: "Basic Zm9vOmJhcg=="])
        await client.close()
        #expect(forged.status == 401)
        #expect(forged.header("WWW-Authenticate")?.hasPrefix("Bearer ") == true)
        #expect(forged.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        #expect(missing.status == 401)
    }

    @Test func inProcessModeHasNoSocketAndNoToken() async throws {
        let client = try await NotesServer.make().testClient()
        #expect(client.url == nil)
        #expect(client.token == nil)
        #expect(client.mode == .inProcess)
        #expect(client.era == .modern2026)
    }

    @Test(arguments: modes)
    func anyHandlerHostedByMCPProxyCanBeTested(mode: MCPTestMode) async throws {
        let handler = ExampleServer.make().handler(stateless: true)
        let client = try await MCPTestClient.start(serving: handler, principal: nil, era: .legacy2025, mode: mode)
        let identity = try await client.callTool("whoami")
        let tools = try await client.listTools()
        await client.close()
        #expect(identity.structuredContent == ["scopes": []])
        #expect(tools.map(\.name) == ["echo", "add", "whoami", "admin_info", "convert", "list_units"])
        #expect(tools.first { $0.name == "add" }?.outputSchema?["type"] == "object")
    }

    @Test(arguments: modes)
    func aJSONRPCErrorThrowsWithItsCodeAndStatus(mode: MCPTestMode) async throws {
        let client = try await NotesServer.make().testClient(mode: mode)
        await #expect {
            try await client.readResource("other://nothing")
        } throws: { error in
            guard case MCPTestError.rpc(let code, let message, _, let status) = error else { return false }
            return code == -32002 && status == 200 && message == "Resource not found"
        }
        await client.close()
    }
}

/// The example of docs/facade.md §9, on the example server (which has `add` and `admin_info`).
@Suite struct FacadeGuideExampleTests {
    struct Add: Encodable, Sendable { var a: Double, b: Double }
    struct Sum: Decodable { var sum: Double }

    @Test(arguments: [MCPTestMode.inProcess, .live])
    func addsAndRefusesWithoutTheScope(mode: MCPTestMode) async throws {
        let server = ExampleServer.make()
        let client = try await server.testClient(
            principal: Principal(subject: "alice", scopes: ["mcp:read"]), era: .modern2026, mode: mode)

        let sum = try await client.callTool("add", arguments: Add(a: 2, b: 3))
        #expect(try sum.decode(Sum.self).sum == 5)
        #expect(!sum.isError)

        await #expect {
            try await client.callTool("admin_info")
        } throws: { error in
            guard case MCPTestError.rpc(let code, _, _, let status) = error else { return false }
            return code == -32001 && status == 403
        }
        await client.close()
    }
}
