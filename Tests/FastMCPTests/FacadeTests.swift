import ExampleServers
import FastMCP
import Foundation
import Testing
import TestSupport

/// The facade over real HTTP: schemas, validation, structured output, resources, prompts, pagination.
@Suite struct FacadeTests {
    func withExample<T>(stateless: Bool = true, _ body: (TestServer) async throws -> T) async throws -> T {
        try await withTestServer(MCPProxyConfiguration(stateless: stateless, authentication: .disabled(), drainTimeout: .milliseconds(300)), handler: ExampleServer.make().handler(stateless: stateless), body)
    }

    @Test func toolsListCarriesDerivedSchemas() async throws {
        try await withExample { server in
            let reply = try await HTTP.rpc(server.url, RPC.toolsList)
            let tools = try #require(reply.json?["result"]?["tools"]?.arrayValue)
            let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0["name"]!.stringValue!, $0) })
            #expect(Set(byName.keys) == ["echo", "add", "admin_info", "whoami", "convert", "list_units"])
            #expect(byName["echo"]?["inputSchema"] == [
                "type": "object", "properties": ["text": ["type": "string", "description": "Text to echo back"]], "required": ["text"],
            ])
            #expect(byName["add"]?["outputSchema"] == ["type": "object", "properties": ["sum": ["type": "number"]], "required": ["sum"]])
            #expect(byName["whoami"]?["inputSchema"] == ["type": "object", "properties": [:]])
            #expect(byName["echo"]?["annotations"] == ["readOnlyHint": true, "destructiveHint": false, "idempotentHint": true])
            let from = byName["convert"]?["inputSchema"]?["properties"]?["from"]
            #expect(from?["enum"]?.arrayValue?.count == 16)
            #expect(from?["description"] == "Its unit")
        }
    }

    @Test func structuredOutput() async throws {
        try await withExample { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "convert", #"{"value":100,"from":"celsius","to":"fahrenheit"}"#))
            #expect(reply.json?["result"] == [
                "content": [["type": "text", "text": #"{"unit":"fahrenheit","value":212}"#]],
                "structuredContent": ["unit": "fahrenheit", "value": 212], "isError": false,
            ])
        }
    }

    @Test func invalidArgumentsAreToolErrorsAPersonCanActOn() async throws {
        try await withExample { server in
            let cases: [(String, String)] = [
                (#"{"text":"x"}"#, "Invalid arguments for tool 'convert': missing required argument 'value'"),
                (#"{"value":"ten","from":"foot","to":"metre"}"#, "Invalid arguments for tool 'convert': argument 'value' must be a number"),
                (#"{"value":1,"from":"parsec","to":"metre"}"#, "Invalid arguments for tool 'convert': argument 'from': Cannot initialize Unit from invalid String value parsec"),
                (#"{"value":1,"from":"foot","to":"kilogram"}"#, "cannot convert length (foot) to mass (kilogram)"),
                (#"{"value":-500,"from":"celsius","to":"kelvin"}"#, "-500.0 celsius is below absolute zero"),
            ]
            for (index, (arguments, message)) in cases.enumerated() {
                let reply = try await HTTP.rpc(server.url, RPC.call(index, "convert", arguments))
                #expect(reply.status == 200)
                #expect(reply.json?["result"]?["isError"] == true, "\(arguments)")
                #expect(reply.json?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue == message)
            }
            let unknown = try await HTTP.rpc(server.url, RPC.call(9, "nope"))
            #expect(unknown.errorCode == -32602)
        }
    }

    @Test func resourcesTemplatesAndPrompts() async throws {
        try await withExample { server in
            let list = try await HTTP.rpc(server.url, RPC.request(1, "resources/list"))
            #expect(list.json?["result"]?["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } == ["example://readme", "units://list"])
            let templates = try await HTTP.rpc(server.url, RPC.request(2, "resources/templates/list"))
            #expect(templates.json?["result"]?["resourceTemplates"]?.arrayValue?.first?["uriTemplate"] == "units://{dimension}")
            let mass = try await HTTP.rpc(server.url, RPC.request(3, "resources/read", #"{"uri":"units://mass"}"#))
            #expect(mass.json?["result"]?["contents"] == [["uri": "units://mass", "mimeType": "text/plain", "text": "milligram\ngram\nkilogram\nounce\npound"]])
            let missing = try await HTTP.rpc(server.url, RPC.request(4, "resources/read", #"{"uri":"nothing://here"}"#))
            #expect(missing.errorCode == -32002)
            let prompts = try await HTTP.rpc(server.url, RPC.request(5, "prompts/list"))
            #expect(prompts.json?["result"]?["prompts"] == [
                [
                    "name": "explain-conversion", "description": "Ask for a conversion with its reasoning.",
                    "arguments": [["name": "quantity", "required": true, "description": "A quantity with its unit, e.g. \"3 feet\""]],
                ],
                [
                    "name": "conversion-drill", "description": "Practice conversions: a number of exercises for one dimension.",
                    "arguments": [
                        ["name": "dimension", "required": true, "description": "length, mass or temperature"],
                        ["name": "count", "required": false, "description": "How many exercises (default 3)"],
                    ],
                ],
            ])
            let prompt = try await HTTP.rpc(server.url, RPC.request(6, "prompts/get", #"{"name":"explain-conversion","arguments":{"quantity":"3 feet"}}"#))
            #expect(prompt.json?["result"]?["messages"]?.arrayValue?.first?["content"]?["text"] == "Convert 3 feet to metric units with the convert tool, and explain each step.")
            let badPrompt = try await HTTP.rpc(server.url, RPC.request(7, "prompts/get", #"{"name":"explain-conversion","arguments":{}}"#))
            #expect(badPrompt.errorCode == -32602)
        }
    }

    @Test func paginationWithCursors() async throws {
        let server = FastMCPServer(name: "paged", version: "1", pageSize: 2)
        for index in 0..<5 { server.tool("t\(index)", description: "tool \(index)") { (_: Context) in "ok" } }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let params = cursor.map { #"{"cursor":"\#($0)"}"# }
                let reply = try await HTTP.rpc(running.url, RPC.request(pages, "tools/list", params))
                names += reply.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                cursor = reply.json?["result"]?["nextCursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(names == ["t0", "t1", "t2", "t3", "t4"])
            #expect(pages == 3)
            let invalid = try await HTTP.rpc(running.url, RPC.request(9, "tools/list", #"{"cursor":"bogus"}"#))
            #expect(invalid.errorCode == -32602)
        }
    }

    @Test func imagesAndToolErrors() async throws {
        let server = FastMCPServer(name: "media", version: "1")
        server.tool("pixel", description: "a 1-byte image") { (_: Context) in
            [ToolContent.text("here"), .image(Data([0x89]), mimeType: "image/png")]
        }
        server.tool("fail", description: "always fails") { (_: Context) -> String in throw ToolError("the printer is on fire") }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            let image = try await HTTP.rpc(running.url, RPC.call(1, "pixel"))
            #expect(image.json?["result"]?["content"] == [["type": "text", "text": "here"], ["type": "image", "data": "iQ==", "mimeType": "image/png"]])
            let failed = try await HTTP.rpc(running.url, RPC.call(2, "fail"))
            #expect(failed.json?["result"] == ["content": [["type": "text", "text": "the printer is on fire"]], "isError": true])
        }
    }
}
