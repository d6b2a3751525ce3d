import FastMCPMacros
import MCPTesting
import Testing

@Tools struct Feelings {
    /// Says how it feels.
    /// - Parameter mood: How it feels.
    @Tool func feel(mood: Mood = .unsure) -> String { mood.rawValue }

    /// Says how it feels, the type named.
    /// - Parameter mood: How it feels.
    @Tool func feelNamed(mood: Mood = Mood.happy) -> String { mood.rawValue }

    /// Counts up to a limit.
    /// - Parameter limit: The limit.
    @Tool func upTo(limit: Int = .max) -> String { "\(limit)" }
}

/// An enum-case default of a `@Tool` parameter is the schema's `default`, as a literal is.
@Suite struct MacroEnumDefaultTests {
    @Test func anEnumCaseDefaultBecomesTheSchemaDefault() async throws {
        let server = FastMCPServer(name: "feelings", version: "1")
        server.register(Feelings())
        let client = try await server.testClient(principal: nil)
        let tools = try #require(try await client.send("tools/list").response?["result"]?["tools"]?.arrayValue)
        #expect(tools.map { $0["inputSchema"]?["properties"]?["mood"]?["default"] } == ["unsure", "happy", nil])
        #expect(tools.map { $0["inputSchema"]?["required"] } == [nil, nil, nil])
        // A static member that is not an enum case names no default: it would be a guess.
        #expect(tools[2]["inputSchema"]?["properties"]?["limit"] == ["type": "integer", "description": "The limit."])
        #expect(try await client.callTool("feel").text == "unsure")
        #expect(try await client.callTool("feelNamed", arguments: ["mood": "sad"]).text == "sad")
    }
}
