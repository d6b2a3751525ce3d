@testable import FastMCP
import Foundation
import Testing
import TestSupport

/// The stdio transport, in process over pipes, and the official Python client against the example binary.
@Suite struct StdioTests {
    /// A transport running on two pipes; the test writes requests and reads replies.
    final class Harness: Sendable {
        let toServer = Pipe()
        let fromServer = Pipe()
        let task: Task<Void, any Error>
        let lines: AsyncStream<String>

        init(_ server: FastMCPServer) {
            let transport = StdioTransport(
                engine: server.handler(stateless: false, announcingListChanges: false), input: toServer.fileHandleForReading.fileDescriptor,
                output: fromServer.fileHandleForWriting.fileDescriptor)
            task = Task { try await transport.run() }
            let items = LineReader.lines(from: fromServer.fileHandleForReading.fileDescriptor, maximumLength: 1 << 20)
            lines = AsyncStream { continuation in
                Task {
                    for await item in items {
                        if case .line(let bytes) = item { continuation.yield(String(decoding: bytes, as: UTF8.self)) }
                    }
                    continuation.finish()
                }
            }
        }

        func send(_ line: String) {
            toServer.fileHandleForWriting.write(Data((line + "\n").utf8))
        }

        func close() async throws {
            try toServer.fileHandleForWriting.close()
            try await task.value
            try fromServer.fileHandleForWriting.close()
        }
    }

    @Test func aScopedToolRefusesOverStdioWhereNoCallerIsAuthenticated() async throws {
        let server = FastMCPServer(name: "stdio-scoped", version: "1")
        server.tool("wipe", description: "admin only", requiredScopes: ["admin"]) { (_: Context) in "wiped" }
        let harness = Harness(server)
        var replies = harness.lines.makeAsyncIterator()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"wipe"}}"#)
        let refused = try JSONParser.parse(try #require(await replies.next()))
        #expect(refused == [
            "jsonrpc": "2.0", "id": 1,
            "error": [
                "code": -32001, "message": "Forbidden: tool wipe requires scopes admin",
                "data": ["requiredScopes": ["admin"], "mcp-stateless/insufficientScope": ["scopes": ["admin"], "tool": "wipe"]],
            ],
        ])
        try await harness.close()
    }

    /// Requests that finish before the transport has even recorded them (quick pings, some
    /// with equal ids) must not keep the transport waiting once input ends: it once spun a
    /// core forever on a finished task it never forgot.
    @Test(.timeLimit(.minutes(1))) func inputEndingAfterABurstOfQuickRequestsEndsTheTransport() async throws {
        let harness = Harness(FastMCPServer(name: "stdio-burst", version: "1"))
        var burst = ""
        for id in 0..<2000 { burst += #"{"jsonrpc":"2.0","id":\#(id % 1500),"method":"ping"}"# + "\n" }
        harness.toServer.fileHandleForWriting.write(Data(burst.utf8))
        var replies = 0
        var iterator = harness.lines.makeAsyncIterator()
        while replies < 2000, await iterator.next() != nil { replies += 1 }
        #expect(replies == 2000)
        try await harness.close()
    }

    @Test(.timeLimit(.minutes(1))) func requestsThatFinishAtOnceOrShareAnIdAreNeverLeftBehind() async {
        let inFlight = InFlightRequests()
        let gate = OneShotSignal()
        inFlight.start(.int(1)) {}  // finishes at once, perhaps before start returns
        inFlight.start(.int(2)) { await gate.wait() }
        inFlight.start(.int(2)) {}  // the same id, quick
        inFlight.start(.int(3)) { try? await Task.sleep(for: .seconds(3600)) }
        inFlight.cancel(.int(3))
        let drained = Task { await inFlight.drain() }
        gate.fire()
        await drained.value
        #expect(inFlight.count == 0)
    }

    @Test func requestsRepliesErrorsAndCancellation() async throws {
        let server = FastMCPServer(name: "stdio-test", version: "1")
        server.tool("echo", description: "echo") { (args: [String: String], _) in args["text"] ?? "" }
        server.tool("hang", description: "never returns") { (_: Context) -> String in
            try await Task.sleep(for: .seconds(3600))
            return "unreachable"
        }
        let harness = Harness(server)
        var replies = harness.lines.makeAsyncIterator()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#)
        let initialize = try JSONParser.parse(try #require(await replies.next()))
        #expect(initialize["result"]?["serverInfo"] == ["name": "stdio-test", "version": "1"])
        harness.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"hang"}}"#)
        harness.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":2}}"#)
        harness.send("{broken")
        let parseError = try JSONParser.parse(try #require(await replies.next()))
        #expect(parseError["error"]?["code"] == -32700)
        harness.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"text":"after"}}}"#)
        let echo = try JSONParser.parse(try #require(await replies.next()))
        #expect(echo["id"] == 3, "the cancelled request 2 never answers; 3 does")
        #expect(echo["result"]?["content"]?.arrayValue?.first?["text"] == "after")
        try await harness.close()
        #expect(await replies.next() == nil)
    }

    static var exampleBinary: String {
        ProcessInfo.processInfo.environment["MCP_EXAMPLE_BIN"] ?? PythonInterop.packageRoot.appendingPathComponent(".build/debug/mcp-example").path
    }

    @Test(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
    func pythonClientOverStdio() async throws {
        let run = try await PythonInterop.run("python_stdio_client.py", [Self.exampleBinary, "--stdio"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let result = try #require(run.json)
        #expect(result["tools"] == ["add", "admin_info", "convert", "echo", "list_units", "whoami"])
        #expect(result["convert_schema"]?["required"] == ["value", "from", "to"])
        #expect(result["converted"] == ["value": 1.609344, "unit": "kilometre"])
        #expect(result["invalid"] == ["is_error": true, "text": "Invalid arguments for tool 'convert':\n/to: is required"])
        #expect(result["readme"]?.stringValue?.hasPrefix("# mcp-example") == true)
    }
}
