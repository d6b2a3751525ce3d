@testable import FastMCP
import Foundation
import Testing
import TestSupport

/// The MCP contract for every type the facade accepts (docs/facade.md): object outputs,
/// string prompt arguments, registered MIME types, and no silent replacement.
@Suite struct FacadeContractTests {
    enum Level: String, Codable, CaseIterable, Sendable, SchemaEnumeration { case low, high }

    @Test func nonObjectOutputsAreWrappedAndObjectsAreNot() {
        let wrappedArray = StructuredOutput.schema(for: [String].self)
        #expect(wrappedArray.wrapped)
        #expect(wrappedArray.schema["x-fastmcp-wrap-result"] == true)
        #expect(StructuredOutput.schema(for: Int.self).schema["properties"]?["result"] == ["type": "integer"])
        #expect(StructuredOutput.schema(for: Level.self).schema["properties"]?["result"]?["enum"] == ["low", "high"])
        #expect(StructuredOutput.schema(for: Int?.self).schema["properties"]?["result"] == ["anyOf": [["type": "integer"], ["type": "null"]]])
        struct Point: Codable { var x: Int }
        #expect(StructuredOutput.schema(for: Point.self).wrapped == false)
    }

    @Test func wrappedOutputsCarryTheValueUnderResultAndUnwrappedText() async throws {
        let server = FastMCPServer(name: "w", version: "1")
        server.tool("count", description: "a number", output: Int.self) { (_: NoArguments, _) in 42 }
        server.tool("maybe", description: "an optional", output: String?.self) { (_: NoArguments, _) in nil }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            let count = try await HTTP.rpc(running.url, RPC.call(1, "count"))
            #expect(count.json?["result"]?["structuredContent"] == ["result": 42])
            #expect(count.json?["result"]?["content"] == [["type": "text", "text": "42"]])
            let maybe = try await HTTP.rpc(running.url, RPC.call(2, "maybe"))
            #expect(maybe.json?["result"]?["structuredContent"] == ["result": .null])
        }
    }

    @Test func promptArgumentsComeFromStringsInDeclarationOrder() async throws {
        struct Arguments: Decodable, Sendable {
            var zeta: String
            var count: Int
            var ratio: Double?
            var loud: Bool?
            var level: Level?
        }
        let server = FastMCPServer(name: "p", version: "1")
        server.prompt("mix") { (args: Arguments, _) in
            [.user("\(args.zeta) \(args.count) \(args.ratio ?? -1) \(args.loud ?? false) \(args.level?.rawValue ?? "-")")]
        }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            let list = try await HTTP.rpc(running.url, RPC.request(1, "prompts/list"))
            let names = list.json?["result"]?["prompts"]?.arrayValue?.first?["arguments"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["zeta", "count", "ratio", "loud", "level"])
            let got = try await HTTP.rpc(
                running.url,
                RPC.request(2, "prompts/get", #"{"name":"mix","arguments":{"zeta":"z","count":"7","ratio":"0.5","loud":"true","level":"high"}}"#))
            #expect(got.json?["result"]?["messages"]?.arrayValue?.first?["content"]?["text"] == "z 7 0.5 true high")
            let bad = try await HTTP.rpc(running.url, RPC.request(3, "prompts/get", #"{"name":"mix","arguments":{"zeta":"z","count":"seven"}}"#))
            #expect(bad.json?["error"]?["message"] == "Invalid params: prompt mix: invalid arguments:\n/count: must be an integer (got \"seven\")", "\(bad.body)")
        }
    }

    @Test func aResourceKeepsItsRegisteredMimeType() async throws {
        let server = FastMCPServer(name: "m", version: "1")
        server.resource("doc://a", name: "a", mimeType: "text/markdown") { _ in .text("# a") }
        server.resource("doc://b", name: "b", mimeType: "text/markdown") { _ in .text("b", mimeType: "text/x-custom") }
        server.resource("doc://c", name: "c") { _ in .blob(Data([1, 2])) }
        try server.resourceTemplate("tpl://{x}", name: "t", mimeType: "application/json") { _, _ in .text("{}") }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            for (uri, expected) in [("doc://a", "text/markdown"), ("doc://b", "text/x-custom"), ("doc://c", "text/plain"), ("tpl://1", "application/json")] {
                let read = try await HTTP.rpc(running.url, RPC.request(1, "resources/read", #"{"uri":"\#(uri)"}"#))
                #expect(read.json?["result"]?["contents"]?.arrayValue?.first?["mimeType"]?.stringValue == expected, "\(uri)")
            }
        }
    }

    @Test func duplicateRegistrationsStopTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let server = FastMCPServer(name: "d", version: "1")
            server.tool("same", description: "first") { (_: Context) in "a" }
            server.tool("same", description: "second") { (_: Context) in "b" }
        }
        await #expect(processExitsWith: .failure) {
            let server = FastMCPServer(name: "d", version: "1")
            server.resource("doc://x", name: "x") { _ in .text("a") }
            server.resource("doc://x", name: "y") { _ in .text("b") }
        }
        await #expect(processExitsWith: .failure) {
            let server = FastMCPServer(name: "d", version: "1")
            try? server.resourceTemplate("t://{a}", name: "x") { _, _ in .text("a") }
            try? server.resourceTemplate("t://{a}", name: "y") { _, _ in .text("b") }
        }
        await #expect(processExitsWith: .failure) {
            let server = FastMCPServer(name: "d", version: "1")
            server.prompt("same") { (_: NoArguments, _) in [] }
            server.prompt("same") { (_: NoArguments, _) in [] }
        }
    }

    @Test func aPromptArgumentThatCannotComeFromAStringStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            struct Nested: Decodable, Sendable { var inner: [String] }
            let server = FastMCPServer(name: "d", version: "1")
            server.prompt("bad") { (_: Nested, _) in [] }
        }
    }
}
