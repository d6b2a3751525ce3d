import FastMCPMacros
import MCPTesting
import Testing

@Tools struct Lenient {
    /// Greets, and ignores what it does not know.
    /// - Parameter name: Who to greet.
    @Tool(acceptsUnknownArguments: true) func greet(name: String = "you") -> String { "hello \(name)" }

    /// Greets, and refuses what it does not know.
    /// - Parameter name: Who to greet.
    @Tool func strictGreet(name: String = "you") -> String { "hello \(name)" }
}

/// A hand-written schema that allows any other member.
struct OpenArguments: Decodable, Sendable, CustomJSONSchema {
    var name: String?
    static let jsonSchema: JSONValue = ["type": "object", "properties": ["name": ["type": "string"]], "additionalProperties": true]
    static let schemaSample = OpenArguments(name: nil)
}

/// An argument the schema does not name is refused, listing the accepted ones, so a misspelt
/// optional argument never silently becomes its default; a tool can opt out; a hand-written
/// schema follows its own `additionalProperties`.
@Suite struct UnknownArgumentsTests {
    struct Arguments: Decodable, Sendable {
        var name: String?
    }

    static func client() async throws -> MCPTestClient {
        let server = FastMCPServer(name: "unknown", version: "1")
        server.tool("strict", description: "Strict.") { (arguments: Arguments, _) in "hello \(arguments.name ?? "you")" }
        server.tool("lenient", description: "Lenient.", acceptsUnknownArguments: true) { (arguments: Arguments, _) in
            "hello \(arguments.name ?? "you")"
        }
        server.tool("open", description: "Open.") { (arguments: OpenArguments, _) in "hello \(arguments.name ?? "you")" }
        server.register(Lenient())
        return try await server.testClient(principal: nil)
    }

    @Test func aMisspeltArgumentIsRefusedWithTheAcceptedOnes() async throws {
        let client = try await Self.client()
        let refused = try await client.callTool("strict", arguments: ["nmae": "ada"])
        #expect(refused.isError)
        #expect(refused.text == "Invalid arguments for tool 'strict':\n/nmae: is not a known argument (known: name)")
        let macro = try await client.callTool("strictGreet", arguments: ["nmae": "ada"])
        #expect(macro.text == "Invalid arguments for tool 'strictGreet':\n/nmae: is not a known argument (known: name)")
        #expect(try await client.callTool("strict", arguments: ["name": "ada"]).text == "hello ada")
    }

    @Test func aToolCanOptOutAndAHandWrittenSchemaKeepsItsOwnRule() async throws {
        let client = try await Self.client()
        #expect(try await client.callTool("lenient", arguments: ["nmae": "ada"]).text == "hello you")
        #expect(try await client.callTool("greet", arguments: ["nmae": "ada"]).text == "hello you")
        #expect(try await client.callTool("open", arguments: ["extra": 1, "name": "ada"]).text == "hello ada")
        let tools = Dictionary(uniqueKeysWithValues: try await client.listTools().map { ($0.name, $0.inputSchema) })
        #expect(tools["strict"]?["additionalProperties"] == false)
        #expect(tools["strictGreet"]?["additionalProperties"] == false)
        #expect(tools["lenient"]?["additionalProperties"] == nil)
        #expect(tools["greet"]?["additionalProperties"] == nil)
        #expect(tools["open"]?["additionalProperties"] == true)
    }

    @Test func hundredsOfThousandsOfUnknownKeysListTwentyAndCountTheRest() async throws {
        let client = try await Self.client()
        var arguments: [String: JSONValue] = [:]
        for index in 0..<200_000 { arguments["k\(index)"] = .int(index) }
        let result = try await client.callTool("strict", arguments: .object(arguments))
        let lines = result.text.split(separator: "\n")
        #expect(result.isError)
        #expect(lines.count == 22)
        #expect(lines.last == "… and 199980 more")
    }
}
