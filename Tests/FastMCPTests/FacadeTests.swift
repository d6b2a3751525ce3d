import ExampleServers
import FastMCP
import Foundation
import MCPTesting
import Testing

/// The facade through the real request path (MCPTesting, in process, 2025 era unless a test
/// says otherwise): schemas, validation, structured output, resources, prompts, pagination.
@Suite struct FacadeTests {
    func example(era: ProtocolEra = .legacy2025) async throws -> MCPTestClient {
        try await ExampleServer.make().testClient(principal: nil, era: era)
    }

    @Test func toolsListCarriesDerivedSchemas() async throws {
        let tools = try await example().listTools()
        let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["echo", "add", "admin_info", "whoami", "convert", "list_units"])
        #expect(byName["echo"]?.inputSchema == [
            "type": "object", "properties": ["text": ["type": "string", "description": "Text to echo back"]], "required": ["text"],
            "additionalProperties": false,
        ])
        #expect(byName["add"]?.outputSchema == ["type": "object", "properties": ["sum": ["type": "number"]], "required": ["sum"]])
        #expect(byName["whoami"]?.inputSchema == ["type": "object", "properties": [:], "additionalProperties": false])
        #expect(byName["echo"]?.annotations == ["readOnlyHint": true, "destructiveHint": false, "idempotentHint": true])
        let from = byName["convert"]?.inputSchema["properties"]?["from"]
        #expect(from?["enum"]?.arrayValue?.count == 16)
        #expect(from?["description"] == "Its unit")
    }

    @Test(arguments: [ProtocolEra.legacy2025, .modern2026])
    func structuredOutput(era: ProtocolEra) async throws {
        let result = try await example(era: era).callTool("convert", arguments: ["value": 100, "from": "celsius", "to": "fahrenheit"])
        #expect(result.content == [["type": "text", "text": #"{"unit":"fahrenheit","value":212}"#]])
        #expect(result.structuredContent == ["unit": "fahrenheit", "value": 212])
        #expect(!result.isError)
        #expect(result.reply.result?["isError"] == false)
    }

    @Test func invalidArgumentsAreToolErrorsAPersonCanActOn() async throws {
        let client = try await example()
        let cases: [(JSONValue, String)] = [
            (["text": "x"], "Invalid arguments for tool 'convert':\n/value: is required\n/from: is required\n/to: is required\n/text: is not a known argument (known: from, to, value)"),
            (["value": 1, "from": "foot", "to": "metre", "precison": 2], "Invalid arguments for tool 'convert':\n/precison: is not a known argument (known: from, to, value)"),
            (["value": "ten", "from": "foot", "to": "metre"], "Invalid arguments for tool 'convert':\n/value: must be a number (got \"ten\")"),
            (["value": 1, "from": "parsec", "to": "metre"], """
                Invalid arguments for tool 'convert':
                /from: must be one of: "millimetre", "centimetre", "metre", "kilometre", "inch", "foot", "yard", "mile", \
                "milligram", "gram", "kilogram", "ounce", "pound", "celsius", "fahrenheit", "kelvin" (got "parsec")
                """),
            (["value": 1, "from": "foot", "to": "kilogram"], "cannot convert length (foot) to mass (kilogram)"),
            (["value": -500, "from": "celsius", "to": "kelvin"], "-500.0 celsius is below absolute zero"),
        ]
        for (arguments, message) in cases {
            let result = try await client.callTool("convert", arguments: arguments)
            #expect(result.reply.status == 200)
            #expect(result.isError, "\(arguments)")
            #expect(result.text == message)
        }
        await #expect {
            try await client.callTool("nope")
        } throws: { error in
            guard case MCPTestError.rpc(let code, _, _, _) = error else { return false }
            return code == -32602
        }
    }

    @Test func resourcesTemplatesAndPrompts() async throws {
        let client = try await example()
        #expect(try await client.listResources().map(\.uri) == ["example://readme", "units://list"])
        #expect(try await client.listResourceTemplates().map(\.uriTemplate) == ["units://{dimension}"])
        let mass = try await client.readResource("units://mass")
        #expect(mass.map(\.uri) == ["units://mass"])
        #expect(mass.map(\.mimeType) == ["text/plain"])
        #expect(mass.map(\.text) == ["milligram\ngram\nkilogram\nounce\npound"])
        let missing = try await client.send("resources/read", params: ["uri": "nothing://here"])
        #expect(missing.response?["error"]?["code"] == -32002)
        let prompts = try await client.listPrompts()
        #expect(prompts.map(\.name) == ["explain-conversion", "conversion-drill"])
        #expect(prompts.map(\.description) == ["Ask for a conversion with its reasoning.", "Practice conversions: a number of exercises for one dimension."])
        #expect(prompts.first?.arguments == [.init(name: "quantity", description: "A quantity with its unit, e.g. \"3 feet\"", required: true)])
        #expect(prompts.last?.arguments == [
            .init(name: "dimension", description: "length, mass or temperature", required: true),
            .init(name: "count", description: "How many exercises (default 3)", required: false),
        ])
        let prompt = try await client.getPrompt("explain-conversion", arguments: ["quantity": "3 feet"])
        #expect(prompt.texts == ["Convert 3 feet to metric units with the convert tool, and explain each step."])
        #expect(prompt.messages.map(\.role) == ["user"])
        #expect("\(prompt.messages[0].content)" == #"{"text":"Convert 3 feet to metric units with the convert tool, and explain each step.","type":"text"}"#)
        let badPrompt = try await client.send("prompts/get", params: ["name": "explain-conversion", "arguments": [:]])
        #expect(badPrompt.response?["error"]?["code"] == -32602)
        #expect(badPrompt.response?["error"]?["message"] == "Invalid params: prompt explain-conversion: invalid arguments:\n/quantity: is required")
        let badDrill = try await client.send(
            "prompts/get", params: ["name": "conversion-drill", "arguments": ["dimension": "volume", "count": "many"]])
        #expect(badDrill.response?["error"]?["message"] == """
            Invalid params: prompt conversion-drill: invalid arguments:
            /count: must be an integer (got "many")
            /dimension: must be one of: "length", "mass", "temperature" (got "volume")
            """)
        // `count` has a default (3) and bounds (1…20): left out it is filled in, out of range it is refused.
        #expect(try await client.getPrompt("conversion-drill", arguments: ["dimension": "mass"]).texts == [
            "Give me 3 mass conversion exercises, then check my answers with the convert tool."
        ])
        let tooMany = try await client.send("prompts/get", params: ["name": "conversion-drill", "arguments": ["dimension": "mass", "count": "50"]])
        #expect(tooMany.response?["error"]?["message"] == "Invalid params: prompt conversion-drill: invalid arguments:\n/count: must be at most 20 (got 50)")
    }

    @Test func paginationWithCursors() async throws {
        let server = FastMCPServer(name: "paged", version: "1", pageSize: 2)
        for index in 0..<5 { server.tool("t\(index)", description: "tool \(index)") { (_: Context) in "ok" } }
        let client = try await server.testClient(principal: nil, era: .legacy2025)
        var pages = 0
        var cursor: JSONValue?
        repeat {
            let page = try await client.send("tools/list", params: cursor.map { ["cursor": $0] } ?? [:]).requireResult()
            cursor = page["nextCursor"]
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(try await client.listTools().map(\.name) == ["t0", "t1", "t2", "t3", "t4"])
        let invalid = try await client.send("tools/list", params: ["cursor": "bogus"])
        #expect(invalid.response?["error"]?["code"] == -32602)
    }

    @Test func imagesAndToolErrors() async throws {
        let server = FastMCPServer(name: "media", version: "1")
        server.tool("pixel", description: "a 1-byte image") { (_: Context) in
            [ToolContent.text("here"), .image(Data([0x89]), mimeType: "image/png")]
        }
        server.tool("fail", description: "always fails") { (_: Context) -> String in throw ToolError("the printer is on fire") }
        let client = try await server.testClient(principal: nil, era: .legacy2025)
        let image = try await client.callTool("pixel")
        #expect(image.content == [["type": "text", "text": "here"], ["type": "image", "data": "iQ==", "mimeType": "image/png"]])
        let failed = try await client.callTool("fail")
        #expect(failed.reply.result == ["content": [["type": "text", "text": "the printer is on fire"]], "isError": true])
    }
}
