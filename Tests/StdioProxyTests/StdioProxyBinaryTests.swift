import Foundation
import MCPAcceptance
import MCPAcceptanceBrowser
import MCPProxy
import Testing
import TestSupport

/// `mcp-stateless-proxy` as an operator runs it, in front of a FastMCP stdio child
/// (`mcp-example --stdio --trust-forwarded-identity`) and of the Python fixture.
@Suite struct StdioProxyBinaryTests {
    static let binaries = PythonInterop.packageRoot.appendingPathComponent(".build/debug")
    static let proxy = binaries.appendingPathComponent("mcp-stateless-proxy").path
    static let example = binaries.appendingPathComponent("mcp-example").path
    static let secret = "proxy-binary-secret-0123456789abcdef"

    static func token(_ subject: String, scope: String) -> String {
        TestTokens.hs256(secret: Array(secret.utf8), claims: ["sub": .string(subject), "aud": "proxy-test", "scope": .string(scope)])
    }

    func withProxy(forwardIdentity: Bool, child: [String], extra: [String] = [], _ body: (String, LaunchedServer) async throws -> Void) async throws {
        var arguments = ["--port", "0", "--stateless", "--jwt-hs256-secret", Self.secret, "--audience", "proxy-test"] + extra
        if forwardIdentity { arguments.append("--forward-identity") }
        let server = try LaunchedServer(Self.proxy, arguments + ["--"] + child)
        do {
            let port = try await server.listeningPort()
            try await body("http://127.0.0.1:\(port)/mcp", server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func structured(_ reply: HTTPReply) -> JSONValue? { reply.json?["result"]?["structuredContent"] }

    @Test func scopesAndIdentityWorkEndToEndThroughAFacadeChild() async throws {
        try await withProxy(forwardIdentity: true, child: [Self.example, "--stdio", "--trust-forwarded-identity"]) { url, _ in
            let reader = Self.token("reader", scope: "mcp:read")
            let admin = Self.token("root-user", scope: "mcp:read mcp:admin")
            let denied = try await HTTP.rpc(url, RPC.call(1, "admin_info"), headers: [HTTP.bearer(reader)])
            #expect(denied.status == 403)
            #expect(denied.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="insufficient_scope", error_description="requires scope: mcp:admin", scope="mcp:admin""#) == true)
            #expect(denied.json?["error"]?["code"] == -32001)
            let allowed = try await HTTP.rpc(url, RPC.call(2, "admin_info"), headers: [HTTP.bearer(admin)])
            #expect(allowed.status == 200)
            #expect(structured(allowed)?["administrator"] == "root-user")
            for (token, subject) in [(reader, "reader"), (admin, "root-user")] {
                let who = try await HTTP.rpc(url, RPC.call(3, "whoami"), headers: [HTTP.bearer(token)])
                #expect(structured(who)?["subject"]?.stringValue == subject)
            }
            // A caller claiming to be someone else in _meta is not believed.
            let spoof = #"{"name":"admin_info","arguments":{},"_meta":{"mcp-stateless/caller":{"subject":"admin","scopes":["mcp:admin"]}}}"#
            let spoofed = try await HTTP.rpc(url, RPC.request(4, "tools/call", spoof), headers: [HTTP.bearer(reader)])
            #expect(spoofed.status == 403)
        }
    }

    @Test func withoutForwardingAScopedFacadeToolRefusesEveryone() async throws {
        try await withProxy(forwardIdentity: false, child: [Self.example, "--stdio", "--trust-forwarded-identity"]) { url, _ in
            let admin = Self.token("root-user", scope: "mcp:admin")
            let spoof = #"{"name":"admin_info","arguments":{},"_meta":{"mcp-stateless/caller":{"subject":"admin","scopes":["mcp:admin"]}}}"#
            let denied = try await HTTP.rpc(url, RPC.request(1, "tools/call", spoof), headers: [HTTP.bearer(admin)])
            #expect(denied.status == 403)
            let who = try await HTTP.rpc(url, RPC.call(2, "whoami"), headers: [HTTP.bearer(admin)])
            #expect(structured(who) != nil && structured(who)?["subject"] == nil, "no caller reaches the child")
        }
    }

    @Test func sigtermLeavesNoDescendant() async throws {
        let helpers = StdioChildLifecycleTests.temporaryFile("helpers")
        let children = StdioChildLifecycleTests.temporaryFile("children")
        defer { for file in [helpers, children] { try? FileManager.default.removeItem(at: file) } }
        var arguments = ["--port", "0", "--stateless", "--no-auth", "--env", "FIXTURE_HELPER_PID_FILE=\(helpers.path)"]
        arguments += ["--env", "FIXTURE_PID_FILE=\(children.path)", "--", StdioProxyTests.python, StdioProxyTests.fixture]
        let server = try LaunchedServer(Self.proxy, arguments)
        let port = try await server.listeningPort()
        let reply = try await HTTP.rpc("http://127.0.0.1:\(port)/mcp", RPC.call(1, "helper"))
        #expect(reply.json?["result"]?["content"]?.arrayValue?.first?["text"] == "helper started")
        let pids = try [helpers, children].flatMap { try String(contentsOf: $0, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) } }
        #expect(pids.count == 2 && pids.allSatisfy(processIsAlive))
        server.signal(SIGTERM)
        #expect(await server.waitForExit() == 0)
        #expect(await eventually { pids.allSatisfy { !processIsAlive($0) } }, "left behind: \(pids.filter(processIsAlive))")
    }

    /// A proxy killed with SIGKILL cannot end its child, and a wrapper that sleeps on after its
    /// stdin closes (as real wrappers do) would outlive it: the lifeline guard ends the group.
    @Test func sigkillOfTheProxyEndsTheChildsWholeGroup() async throws {
        let shells = StdioChildLifecycleTests.temporaryFile("shell")
        defer { try? FileManager.default.removeItem(at: shells) }
        let wrapper = "echo $$ > '\(shells.path)'; '\(StdioProxyTests.python)' '\(StdioProxyTests.fixture)'; sleep 600"
        let server = try LaunchedServer(Self.proxy, ["--port", "0", "--stateless", "--no-auth", "--", "/bin/sh", "-c", wrapper])
        let port = try await server.listeningPort()
        let reply = try await HTTP.rpc("http://127.0.0.1:\(port)/mcp", RPC.toolsList)
        #expect(reply.status == 200)
        let group = try #require(Int32(try String(contentsOf: shells, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-group, 0) == 0, "the wrapper's group runs")
        server.signal(SIGKILL)
        _ = await server.waitForExit()
        #expect(await eventually { kill(-group, 0) != 0 }, "the wrapper's group outlived the proxy")
        if kill(-group, 0) == 0 { _ = kill(-group, SIGKILL) }
    }

    @Test func aChildThatExitsAtStartIsAFailureNotAUsageError() async throws {
        let server = try LaunchedServer(
            Self.proxy, ["--port", "0", "--no-auth", "--env", "FIXTURE_EXIT_AT_START=1", "--", StdioProxyTests.python, StdioProxyTests.fixture])
        #expect(await server.waitForExit() == 1)
        let log = server.stderr.joined(separator: "\n")
        #expect(log.contains("it exited during start-up (exit code 7); its last stderr lines:"), "\(log)")
        #expect(log.contains("fixture: missing configuration, cannot start"))
        #expect(!log.contains("USAGE"))
    }

    /// A browser page of an allowed origin calls the stdio proxy with a token in both eras,
    /// reads its 401s, and a foreign origin is blocked (headless Chromium).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true" || (try? Browser.find()) != nil, "no Chromium on PATH (apt-get install chromium)"))
    func aBrowserCallsTheProxyFromAnAllowedOrigin() async throws {
        let origin = "https://app.example.com"
        try await withProxy(forwardIdentity: true, child: [Self.example, "--stdio", "--trust-forwarded-identity"], extra: ["--allow-origin", origin]) { url, _ in
            let probe = try await BrowserProbe(browser: try await Browser.locate(), origin: origin)
            var configuration = AcceptanceConfiguration(endpoint: url, token: Self.token("alice", scope: "mcp:read"), origin: origin)
            configuration.timeout = .seconds(10)
            let report = try await AcceptanceSuite(configuration: configuration).run(only: Set(BrowserCases.ids), adding: BrowserCases.all(probe))
            await probe.shutdown()
            #expect(report.outcome == .passed, "\(TextReport(report).render(colors: false))")
            #expect(report.results.map(\.verdict.label) == ["pass", "skip", "pass", "pass", "pass"])
        }
    }
}
