import Foundation
import MCPAcceptance
import MCPProxy
import MCPStdioProxy
import Testing
import TestSupport

/// The stdio upstream behind MCPProxy, against a fixture server written in Python without any SDK.
@Suite struct StdioProxyTests {
    static let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
    static let fixture = PythonInterop.packageRoot.appendingPathComponent("Tests/Interop/stdio_fixture.py").path

    static func upstream(
        forwardIdentity: Bool = false, environment: [String: String] = [:], command: [String]? = nil, startupTimeout: Duration = .seconds(20)
    ) async throws -> StdioUpstream {
        try await StdioUpstream.start(
            StdioUpstreamConfiguration(
                command: command ?? [python, fixture], environment: environment, startupTimeout: startupTimeout,
                restartBackoff: (.zero, .zero), forwardIdentity: forwardIdentity, logger: TestServer.quietLogger))
    }

    func withProxy(
        _ configuration: MCPProxyConfiguration = MCPProxyConfiguration(stateless: true, authentication: .disabled()), forwardIdentity: Bool = false,
        _ body: (TestServer, StdioUpstream) async throws -> Void
    ) async throws {
        let upstream = try await Self.upstream(forwardIdentity: forwardIdentity)
        do {
            try await withTestServer(configuration, handler: upstream) { server in try await body(server, upstream) }
        } catch {
            await upstream.shutdown()
            throw error
        }
        await upstream.shutdown()
    }

    func text(_ reply: HTTPReply) -> String? { reply.json?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue }

    @Test func describesTheUpstreamAndAnswersInitializeItself() async throws {
        try await withProxy { server, upstream in
            #expect(upstream.serverDescription.name == "stdio-fixture")
            let initialize = try await HTTP.rpc(server.url, RPC.initialize)
            #expect(initialize.json?["result"]?["serverInfo"] == ["name": "stdio-fixture", "version": "1.0"])
            let list = try await HTTP.rpc(server.url, RPC.toolsList)
            #expect(list.json?["result"]?["tools"]?.arrayValue?.count == 12)
            let modern = try await Modern.call(server.url, 1, tool: "echo", arguments: ["text": "2026"])
            #expect(text(modern) == "2026")
            #expect(modern.json?["result"]?["resultType"] == "complete")
        }
    }

    @Test func concurrentCallersWithEqualIdsNeverCrossTalk() async throws {
        try await withProxy { server, _ in
            try await withThrowingTaskGroup(of: (String, String?).self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let reply = try await HTTP.rpc(server.url, RPC.call(1, "echo", #"{"text":"caller-\#(index)"}"#))
                        return ("caller-\(index)", reply.json?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue)
                    }
                }
                for try await (expected, seen) in group { #expect(seen == expected) }
            }
        }
    }

    @Test func progressReachesTheRequestThatAskedWithItsOwnToken() async throws {
        try await withProxy { server, _ in
            async let first = HTTP.rpc(server.url, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.05},"_meta":{"progressToken":"mine"}}}"#)
            async let second = HTTP.rpc(server.url, #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.05},"_meta":{"progressToken":"mine"}}}"#)
            for reply in try await [first, second] {
                #expect(reply.header("Content-Type") == "text/event-stream")
                let progress = reply.body.components(separatedBy: "notifications/progress").count - 1
                #expect(progress == 2, "each request sees exactly its own two progress events")
                #expect(reply.body.contains(#""progressToken":"mine""#))
                #expect(reply.body.contains("slow done"))
            }
        }
    }

    @Test func crashMidRequestFailsInFlightRequestsThenRestarts() async throws {
        try await withProxy { server, upstream in
            let firstPID = try #require(upstream.childPID)
            // The hanging call reports progress once it is running upstream: only then crash.
            var hanging = try await SSEStream.open(
                server.url, headers: [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")],
                method: .POST,
                body: #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"hang","arguments":{},"_meta":{"progressToken":"h"}}}"#)
            _ = try await hanging.read(until: "notifications/progress")
            let crash = try await HTTP.rpc(server.url, RPC.call(2, "crash"))
            #expect(crash.errorCode == -32603)
            #expect(crash.errorMessage == "the upstream server exited (exit code 3) before answering")
            let hung = try await hanging.readToEnd()
            #expect(hung.contains("the upstream server exited (exit code 3) before answering"))
            let after = try await HTTP.rpc(server.url, RPC.call(3, "echo", #"{"text":"back"}"#))
            #expect(text(after) == "back")
            #expect(upstream.childPID != firstPID)
        }
    }

    @Test func hungUpstreamTimesOutAndTheRequestIsCancelledUpstream() async throws {
        try await withProxy(MCPProxyConfiguration(stateless: true, authentication: .disabled(), requestTimeout: .milliseconds(1500))) { server, _ in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "hang"))
            #expect(reply.errorMessage == "request timed out")
            let next = try await HTTP.rpc(server.url, RPC.call(2, "echo", #"{"text":"still serving"}"#))
            #expect(text(next) == "still serving", "\(next.body)")
        }
    }

    @Test func anUpstreamThatNeverInitializesFailsToStart() async throws {
        let silent = await #expect(throws: StdioUpstreamError.self) {
            _ = try await Self.upstream(command: ["sleep", "30"], startupTimeout: .milliseconds(300))
        }
        #expect(silent?.description == "the upstream server did not start: no answer to initialize within 0.3 seconds")
        let missing = await #expect(throws: StdioUpstreamError.self) {
            _ = try await Self.upstream(command: ["/nonexistent/server"])
        }
        #expect(missing?.description == "the upstream server did not start: cannot run /nonexistent/server: No such file or directory")
    }

    @Test func noisyStdoutIsSkippedAndSamplingIsRefusedClearly() async throws {
        try await withProxy { server, _ in
            let noisy = try await HTTP.rpc(server.url, RPC.call(1, "noisy", #"{"text":"clean"}"#))
            #expect(text(noisy) == "clean")
            let sample = try await HTTP.rpc(server.url, RPC.call(2, "sample"))
            #expect(text(sample) == "sampling refused: sampling/createMessage is not available through the stateless proxy: no client session to ask")
        }
    }

    @Test func identityIsForwardedOnlyWhenAsked() async throws {
        let config = MCPProxyConfiguration(stateless: true, authentication: .required(DevTokenAuthenticator(token: "t", subject: "alice", scopes: ["a"]).authenticate))
        try await withProxy(config, forwardIdentity: true) { server, _ in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer("t")])
            #expect(text(reply) == #"{"claims": {}, "scopes": ["a"], "subject": "alice"}"#)
        }
        try await withProxy(config) { server, _ in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "whoami"), headers: [HTTP.bearer("t")])
            #expect(text(reply) == "null")
        }
    }

    @Test func shutdownLeavesNoChild() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let upstream = try await Self.upstream(environment: ["FIXTURE_PID_FILE": pidFile.path])
        let pid = try #require(upstream.childPID)
        #expect(kill(pid, 0) == 0)
        await upstream.shutdown()
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the child is gone")
        let recorded = try String(contentsOf: pidFile, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(recorded == [pid])
    }

    @Test func theAcceptanceSuitePassesThroughTheProxy() async throws {
        let secret = Array("proxy-acceptance-secret-0123456789abcdef".utf8)
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.hs256(secret: secret)]), audience: "proxy")
        let config = MCPProxyConfiguration(
            stateless: true, authentication: .jwt(verifier),
            protectedResource: ProtectedResourceMetadata(authorizationServers: ["https://as.test"]))
        try await withProxy(config, forwardIdentity: true) { server, _ in
            let token = { (subject: String) in TestTokens.hs256(secret: secret, claims: ["sub": .string(subject), "aud": "proxy"]) }
            let report = try await AcceptanceSuite(configuration: AcceptanceConfiguration(endpoint: server.url, token: token("alice"), secondToken: token("bob"))).run()
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            let skipped = report.results.filter { $0.verdict.label == "skip" }.map(\.id)
            #expect(skipped == [
                "transport.progress-before-result", "stateful.session-issued", "stateful.delete-ends-session", "auth.wrong-audience-401", "auth.scope-step-up",
                "auth.authorization-server-metadata", "modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405",
            ])
            #expect(report.outcome == .passed)
        }
    }
}

/// The official Python client through the proxy, and the proxy fronting the Python SDK's own stdio server.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct StdioProxyInteropTests {
    @Test func frontsThePythonSDKStdioServerForThePythonClient() async throws {
        let python = try PythonInterop.python()
        let script = PythonInterop.packageRoot.appendingPathComponent("Tests/Interop/sdk_stdio_server.py").path
        let upstream = try await StdioUpstream.start(StdioUpstreamConfiguration(command: [python, script], logger: TestServer.quietLogger))
        #expect(upstream.serverDescription.name == "python-sdk-stdio")
        let config = MCPProxyConfiguration(stateless: true, authentication: .required(DevTokenAuthenticator(token: "px").authenticate))
        do {
            try await withTestServer(config, handler: upstream) { server in
                for mode in ["legacy", "2026-07-28"] {
                    let run = try await PythonInterop.run("python_proxy_client.py", [server.url, mode, "px"])
                    #expect(run.status == 0, "\(mode): \(run.stdout)\n\(run.stderr)")
                    #expect(run.json?["tools"] == ["multiply", "shout"])
                    #expect(run.json?["shout"] == "LOUD")
                    #expect(run.json?["multiply"]?.stringValue == "42.0")
                }
                let refused = try await PythonInterop.run("python_proxy_client.py", [server.url, "legacy", "wrong"])
                #expect(refused.status == 3)
            }
        } catch {
            await upstream.shutdown()
            throw error
        }
        await upstream.shutdown()
    }
}
