@testable import FastMCP
import Foundation
import Testing
import TestSupport

/// `context.notifier` and `FastMCPServer.notifier`: wired when served over HTTP (and then
/// `listChanged: true` is announced), unwired over stdio.
@Suite struct NotifierTests {
    struct Note: Decodable, Sendable { var uri: String }

    static func server() -> FastMCPServer {
        let server = FastMCPServer(name: "notes", version: "1")
        server.tool("edit", description: "Edits a note and says so") { (note: Note, context: Context) in
            try await context.notifier.deliver(.resourceUpdated(uri: note.uri))
            return "edited"
        }
        server.resource("notes://one", name: "one", description: "A note") { _ in .text("first") }
        return server
    }

    func listen(_ url: String) async throws -> SSEStream {
        var request = HTTPStreamingRequest(url: url)
        request.body = Modern.body(9, "subscriptions/listen", params: ["notifications": ["toolsListChanged": true, "resourceSubscriptions": ["notes://one"]]])
        request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen")
        return try await request.open()
    }

    @Test func aToolPublishesWithTheContextsNotifierAndAnyCodeWithTheServers() async throws {
        let server = Self.server()
        #expect(!server.notifier.isWired)
        let configuration = MCPProxyConfiguration(stateless: true, authentication: .disabled(), keepAliveInterval: .seconds(60))
        try await withTestServer(configuration, handler: server.handler(stateless: true)) { running in
            #expect(server.notifier.isWired)
            var stream = try await listen(running.url)
            let ack = try await stream.read(until: "acknowledged")
            #expect(ack.contains(#""notifications":{"resourceSubscriptions":["notes://one"],"toolsListChanged":true}"#))

            let call = try await Modern.call(running.url, 2, tool: "edit", arguments: ["uri": "notes://one"])
            #expect(call.status == 200)
            #expect(call.body.contains("edited"))
            let updated = try await stream.read(until: "resources/updated")
            #expect(updated.contains(#"{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":9},"uri":"notes://one"}}"#))

            try await server.notifier.deliver(.toolsListChanged)  // outside any request
            let changed = try await stream.read(until: "tools/list_changed")
            #expect(changed.contains(#"{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":9}}}"#))
        }
    }

    @Test func overHTTPListChangedIsAnnouncedAndOverStdioItIsNot() async throws {
        let server = Self.server()
        let http = server.handler(stateless: true).serverDescription.capabilities
        #expect(http["tools"] == ["listChanged": true])
        #expect(http["resources"] == ["listChanged": true, "subscribe": false])
        let stdio = server.handler(stateless: false, announcingListChanges: false).serverDescription.capabilities
        #expect(stdio["tools"] == ["listChanged": false])
        #expect(stdio["resources"] == ["listChanged": false, "subscribe": false])
    }

    @Test func anUnwiredNotifierSaysItReachedNobody() async throws {
        let server = Self.server()
        let error = await #expect(throws: Notifier.NotServedError.self) { try await server.notifier.deliver(.promptsListChanged) }
        #expect(error?.description == "promptsListChanged reached no client: the server is not served over HTTP (stdio has no listen streams), or not yet running")
    }
}
