import Foundation
import Logging
import MCPProxy
@testable import MCPStdioProxy
import Synchronization
import Testing
import TestSupport

/// The proxy's own namespace, and a child that misbehaves: forks helpers and exits, exits
/// at start, writes a reply over the limit, floods stderr.
@Suite struct StdioChildLifecycleTests {
    func text(_ reply: HTTPReply) -> String? { reply.json?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue }

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    @Test(arguments: [false, true])
    func aSpoofedCallerNeverReachesTheChild(forwardIdentity: Bool) async throws {
        let dev = DevTokenAuthenticator(token: "t", subject: "alice", scopes: ["mcp:read"])
        let upstream = try await StdioProxyTests.upstream(forwardIdentity: forwardIdentity)
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .required(dev.authenticate)), handler: upstream) { server in
            let spoof = #"{"name":"meta","arguments":{},"_meta":{"mcp-stateless/caller":{"subject":"admin","scopes":["root"]},"mcp-stateless/anything":1,"custom":"kept"}}"#
            let reply = try await HTTP.rpc(server.url, RPC.request(1, "tools/call", spoof), headers: [HTTP.bearer("t")])
            let seen = try JSONParser.parse(try #require(text(reply)))
            if forwardIdentity {
                #expect(seen == ["custom": "kept", "mcp-stateless/caller": ["subject": "alice", "scopes": ["mcp:read"], "claims": [:]]])
            } else {
                #expect(seen == ["custom": "kept"])
            }
        }
        await upstream.shutdown()
    }

    /// The guard ends its group when the lifeline closes without a word, and leaves it alone
    /// when told to stand down.
    @Test func theLifelineGuardEndsTheGroupOnlyWhenTheLifelineDrops() async throws {
        // A process that leads a group of its own (pid = group), like a proxy's child.
        func sleeper() async throws -> pid_t {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [StdioProxyTests.python, "-c", "import os, time; os.setpgid(0, 0); time.sleep(60)"]
            try process.run()
            let pid = process.processIdentifier
            #expect(await eventually { getpgid(pid) == pid }, "the sleeper never led its group")
            return pid
        }
        let kept = try await sleeper()
        var standing = try #require(LifelineGuard(group: kept))
        let keeper = standing.pid
        standing.standDown()
        standing = try #require(LifelineGuard(group: 999_999))  // the first guard's lifeline closes here
        #expect(await eventually { !processIsAlive(keeper) }, "the guard that stood down never exited")
        #expect(processIsAlive(kept), "a guard that stood down killed its group")
        _ = kill(-kept, SIGKILL)

        let dropped = try await sleeper()
        var guarding = LifelineGuard(group: dropped)
        try #require(guarding != nil)
        guarding = nil
        // The sleeper is our child: once killed it is a zombie until reaped, which counts as gone.
        #expect(await eventually { !processIsAlive(dropped) }, "the group outlived its dropped lifeline")
        _ = standing
    }

    @Test func aChildThatForksAHelperAndExitsIsNoticedRestartedAndItsHelperEnded() async throws {
        let helpers = Self.temporaryFile("helpers")
        defer { try? FileManager.default.removeItem(at: helpers) }
        let upstream = try await StdioProxyTests.upstream(environment: ["FIXTURE_HELPER_PID_FILE": helpers.path])
        let config = MCPProxyConfiguration(stateless: true, authentication: .disabled(), requestTimeout: .seconds(60))
        try await withTestServer(config, handler: upstream) { server in
            let first = try #require(upstream.childPID)
            let orphaned = try await HTTP.rpc(server.url, RPC.call(1, "helper_then_exit"))
            #expect(orphaned.errorMessage == "the upstream server exited (exit code 0) before answering")
            let next = try await HTTP.rpc(server.url, RPC.call(2, "echo", #"{"text":"restarted"}"#))
            #expect(text(next) == "restarted")
            #expect(upstream.childPID != first)
            let helper = try #require(Int32(try String(contentsOf: helpers, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(await eventually { !processIsAlive(helper) }, "the helper \(helper) outlived its parent's process group")
        }
        await upstream.shutdown()
    }

    @Test func shutdownEndsTheChildsHelpersToo() async throws {
        let helpers = Self.temporaryFile("helpers")
        defer { try? FileManager.default.removeItem(at: helpers) }
        let upstream = try await StdioProxyTests.upstream(environment: ["FIXTURE_HELPER_PID_FILE": helpers.path])
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: upstream) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "helper"))
            #expect(text(reply) == "helper started")
        }
        let child = try #require(upstream.childPID)
        let helper = try #require(Int32(try String(contentsOf: helpers, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(processIsAlive(helper))
        await upstream.shutdown()
        #expect(!processIsAlive(child))
        #expect(await eventually { !processIsAlive(helper) })
    }

    @Test func aChildThatExitsAtStartIsReportedAtOnceWithItsStatusAndStderr() async throws {
        let error = await #expect(throws: StdioUpstreamError.self) {
            _ = try await StdioProxyTests.upstream(environment: ["FIXTURE_EXIT_AT_START": "1"], startupTimeout: .seconds(60))
        }
        #expect(error?.description == """
            the upstream server did not start: it exited during start-up (exit code 7); its last stderr lines:
              fixture: missing configuration, cannot start
            """)
    }

    /// The stdio start-up flake, named: the child's exit (a thread in `waitpid`) and its stderr
    /// (a reader thread) are learnt in no fixed order, and the report was written at the exit,
    /// so on a loaded machine a child that said why it could not start was reported as having
    /// "wrote nothing to stderr". Here the last line is written only after the exit was seen
    /// (by a descendant the test releases), so a report that does not wait for the end of
    /// stderr misses it every time.
    @Test func aStartFailureReportWaitsForTheLastStderrLine() async throws {
        let directory = Self.temporaryFile("late-stderr")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("release").path
        let pidFile = directory.appendingPathComponent("pid").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = """
            echo $$ > '\(pidFile)'
            echo 'fixture: missing configuration' >&2
            ( read line < '\(fifo)'; echo 'fixture: see the manual' >&2 ) &
            exit 7
            """
        var configuration = StdioUpstreamConfiguration(
            command: ["/bin/sh", "-c", script], startupTimeout: .seconds(60), restartBackoff: (.zero, .zero), logger: TestServer.quietLogger)
        configuration.startupStderrWait = .seconds(60)
        let started = Task { try await StdioUpstream.start(configuration) }
        #expect(await eventually(within: .seconds(30)) {
            guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
            return !processIsAlive(pid)
        }, "the child never exited")
        // Non-blocking: a report that did not wait has already ended the descendant's group.
        var release: Int32 = -1
        #expect(await eventually { release = open(fifo, O_WRONLY | O_NONBLOCK); return release >= 0 }, "the descendant was gone before its line")
        if release >= 0 {
            _ = write(release, "go\n", 3)
            close(release)
        }
        let failure = await #expect(throws: StdioUpstreamError.self) { _ = try await started.value }
        #expect(failure?.description == """
            the upstream server did not start: it exited during start-up (exit code 7); its last stderr lines:
              fixture: missing configuration
              fixture: see the manual
            """)
    }

    @Test func aReplyOverTheLimitFailsItsCallerAtOnce() async throws {
        let upstream = try await StdioUpstream.start(
            StdioUpstreamConfiguration(
                command: [StdioProxyTests.python, StdioProxyTests.fixture], restartBackoff: (.zero, .zero), maximumLineLength: 1 << 20,
                logger: TestServer.quietLogger))
        let config = MCPProxyConfiguration(stateless: true, authentication: .disabled(), requestTimeout: .seconds(120))
        try await withTestServer(config, handler: upstream) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "huge", #"{"bytes":3000000}"#))
            let message = try #require(reply.errorMessage)
            #expect(message.hasPrefix("the upstream reply was 300"))
            #expect(message.hasSuffix(" bytes, over the proxy's 1048576-byte limit, and was dropped"))
            let next = try await HTTP.rpc(server.url, RPC.call(2, "echo", #"{"text":"fine"}"#))
            #expect(text(next) == "fine")
        }
        await upstream.shutdown()
    }

    @Test func theRequestOfADroppedLineIsFoundAtEitherEnd() {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(OversizedReply.responseID(head: bytes(#"{"jsonrpc": "2.0", "id": 42, "result": {"content": [{"te"#), tail: bytes("xx")) == 42)
        #expect(OversizedReply.responseID(head: bytes(#"{"result":{"id":9,"content":"xxx"#), tail: bytes(#"xxx"}},"jsonrpc":"2.0","id":17}"#)) == 17)
        #expect(OversizedReply.responseID(head: bytes(#"{"result":{"content":"xx"#), tail: bytes(#"xx","id":3}}"#)) == nil, "a nested id is not the reply's")
        #expect(OversizedReply.responseID(head: bytes("garbage"), tail: bytes("garbage")) == nil)
    }

    @Test func aStderrFloodIsCutAndCounted() {
        let capture = LogCapture()
        let now = Mutex(ContinuousClock.now)
        let forwarder = StderrForwarder(pid: 1, logger: capture.logger, clock: { now.withLock { $0 } })
        for _ in 0..<200 { forwarder.forward(Array(repeating: UInt8(ascii: "e"), count: 10_000)) }
        now.withLock { $0 += .seconds(1) }
        forwarder.forward(Array("after".utf8))
        let info = capture.messages(at: .info)
        #expect(info.count == 51)
        #expect(capture.messages(at: .warning) == ["upstream stderr: 150 lines (1500000 bytes) dropped in the last second (limit 50 lines/s)"])
        #expect(forwarder.recentLines.count == 10)
        #expect(forwarder.recentLines.first?.hasSuffix(" … (5904 more bytes cut)") == true)
        #expect(forwarder.recentLines.last == "after")
    }

    @Test func aChildFloodingStderrNeverFloodsTheLog() async throws {
        let capture = LogCapture()
        let upstream = try await StdioUpstream.start(
            StdioUpstreamConfiguration(
                command: [StdioProxyTests.python, StdioProxyTests.fixture], restartBackoff: (.zero, .zero), logger: capture.logger))
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: upstream) { server in
            let reply = try await HTTP.rpc(server.url, RPC.call(1, "flood", #"{"lines":20000,"width":8000}"#))
            #expect(text(reply) == "flooded")
        }
        await upstream.shutdown()
        let forwarded = capture.messages.filter { $0.hasPrefix("INFO upstream stderr") }
        #expect(forwarded.count < 20000 / 10, "\(forwarded.count) of 20000 lines logged")
        #expect(capture.messages.contains { $0.hasPrefix("WARNING upstream stderr: ") && $0.contains("lines (") })
    }
}
