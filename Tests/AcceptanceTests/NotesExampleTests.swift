import FastMCP
import MCPTesting
import NotesExample
import Testing
import TestSupport

@testable import MCPAcceptance

/// The notes example (tools declared with `@Tools`) passes the acceptance suite like the
/// hand-written example, and its tools work over a real socket with a real token.
@Suite struct NotesExampleTests {
    @Test(arguments: [true, false])
    func passesTheAcceptanceSuite(stateless: Bool) async throws {
        let configuration = try AcceptanceSuiteTests.jwtConfiguration(stateless: stateless)
        try await withTestServer(configuration, handler: NotesExample.make().handler(stateless: stateless)) { server in
            // The scope step-up case uses delete_all, which needs notes:admin.
            let report = try await AcceptanceSuiteTests.run(server.url, expect: stateless ? .stateless : .stateful) { configuration in
                configuration.scopedTool = "delete_all"
                configuration.token = AcceptanceSuiteTests.token("alice", audience: "acceptance", scope: "mcp:read notes:admin")
            }
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(report.outcome == .passed)
        }
    }

    @Test func itsToolsOverHTTPWithAToken() async throws {
        let store = NoteStore()
        let writer = try await NotesExample.make(store: store).testClient(principal: Principal(subject: "ann", scopes: ["notes:write"]), mode: .live)
        let added = try await writer.callTool("add", arguments: ["title": "Buy milk", "priority": "high"])
        #expect(try added.decode(Note.self) == Note(title: "Buy milk", body: "", priority: .high))
        #expect(added.logs.map(\.data) == ["adding Buy milk"])
        _ = try await writer.callTool("add", arguments: ["title": "Call Bo", "body": "about milk"])
        let found = try await writer.callTool("search", arguments: ["words": "milk", "limit": 1])
        #expect(found.structuredContent == ["result": [["title": "Buy milk", "body": "", "priority": "high"]]])
        let refused = try await writer.callTool("search", arguments: ["limit": 0, "priority": "urgent"])
        #expect(refused.text == """
            Invalid arguments for tool 'search':
            /limit: must be at least 1 (got 0)
            /priority: must be one of: "low", "normal", "high" (got "urgent")
            """)
        #expect(try await writer.send("tools/call", params: ["name": "delete_all", "arguments": [:]]).status == 403)
        let admin = try await NotesExample.make(store: store).testClient(principal: Principal(subject: "root", scopes: ["notes:admin"]), mode: .live)
        #expect(try await admin.callTool("delete_all").text == "deleted 2 notes")
    }
}
