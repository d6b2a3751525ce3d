import FastMCP
import Foundation
import MCPTesting
import Synchronization
import Testing
import TestSupport

@Suite struct ContextTests {
    @Test func progressAndLogsArriveOnTheSSEReply() async throws {
        let server = FastMCPServer(name: "p", version: "1")
        server.tool("work", description: "reports as it goes") { (context: Context) in
            await context.progress(1, total: 2, message: "half")
            await context.log(.warning, "careful")
            return "done"
        }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: server.handler(stateless: true)) { running in
            let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"work","_meta":{"progressToken":7}}}"#
            let reply = try await HTTP.rpc(running.url, body)
            #expect(reply.header("Content-Type") == "text/event-stream")
            #expect(reply.body.contains(#"{"jsonrpc":"2.0","method":"notifications/progress","params":{"message":"half","progress":1,"progressToken":7,"total":2}}"#))
            #expect(reply.body.contains(#"{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"careful","level":"warning"}}"#))
            #expect(reply.body.contains(#""text":"done""#))
        }
    }

    @Test func cancellationReachesTheHandler() async throws {
        let observed = OneShotSignal()
        let server = FastMCPServer(name: "c", version: "1")
        server.tool("wait", description: "waits until cancelled") { (context: Context) -> String in
            while !context.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
            observed.fire()
            try context.checkCancellation()
            return "unreachable"
        }
        let config = MCPProxyConfiguration(stateless: true, authentication: .disabled(), requestTimeout: .milliseconds(150))
        try await withTestServer(config, handler: server.handler(stateless: true)) { running in
            let reply = try await HTTP.rpc(running.url, RPC.call(1, "wait"))
            #expect(reply.errorMessage == "request timed out")
            await observed.wait()
        }
    }

    @Test(arguments: [true, false])
    func theSameServerStatelessAndStateful(stateless: Bool) async throws {
        let server = FastMCPServer(name: "s", version: "1")
        server.tool("session", description: "reports the session and tries sampling") { (context: Context) -> String in
            do {
                _ = try await context.requestSampling(["messages": []])
                return "sampled"
            } catch let error as JSONRPCError {
                return "\(context.sessionID == nil ? "none" : "some") | \(error.message)"
            }
        }
        let client = try await server.testClient(principal: nil, era: .legacy2025, stateless: stateless)
        #expect((client.sessionID == nil) == stateless)
        let text = try await client.callTool("session").text
        if stateless {
            #expect(text == "none | sampling is unavailable: the server runs in stateless mode, where no session exists to carry server-initiated requests")
        } else {
            #expect(text == "some | sampling is unavailable: this server does not route server-initiated requests")
        }
    }

    @Test func uriTemplates() throws {
        let file = try URITemplate("file:///{path}")
        #expect(file.match("file:///etc/hosts") == ["path": "etc/hosts"])
        #expect(file.match("file:///") == nil)
        #expect(file.match("http://x") == nil)
        let two = try URITemplate("repo://{owner}/{name}/readme")
        #expect(two.match("repo://apple/swift/readme") == ["owner": "apple", "name": "swift"])
        #expect(two.match("repo://apple/readme") == nil)
        #expect(throws: URITemplate.Invalid.self) { try URITemplate("x://{a}{b}") }
        #expect(throws: URITemplate.Invalid.self) { try URITemplate("x://{a") }
    }
}
