import ExampleServers
import FastMCP
import Foundation
import FoundationXML
import Hummingbird
import MCPCore
import Testing
import TestSupport

/// `migrate accept` as a person runs it: exit statuses and the report formats.
@Suite struct AcceptCommandTests {
    static var migrate: String {
        ProcessInfo.processInfo.environment["MIGRATE_BIN"] ?? PythonInterop.packageRoot.appendingPathComponent(".build/debug/migrate").path
    }

    func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.migrate)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        async let stdout = PythonInterop.readToEnd(out.fileHandleForReading)
        async let stderr = PythonInterop.readToEnd(err.fileHandleForReading)
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        return (status, String(decoding: await stdout, as: UTF8.self), String(decoding: await stderr, as: UTF8.self))
    }

    /// A server whose replies carry escape sequences, a bell and characters XML cannot hold:
    /// the text report shows them escaped, and the JUnit file stays valid XML.
    @Test func aHostileServersRepliesAreEscapedInEveryReport() async throws {
        let planted = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}[31mred\nline\u{FFFF}"
        let app = try await LoopbackApp.start { _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: planted)))
        }
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: junit) }
        try await withLoopbackApp(app) { app in
            let text = try await run(["accept", "--url", app.url, "--junit", junit.path])
            #expect(text.status == 1)
            #expect(!text.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(text.stdout)")
            #expect(text.stdout.contains(#"\x1B]0;PWNED\x07\x1B[2J\x1B[31mred⏎line"#), "\(text.stdout)")
            let xml = try String(contentsOf: junit, encoding: .utf8)
            #expect(!xml.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0xFFFF })
            let document = try XMLDocument(xmlString: xml)
            #expect(try document.nodes(forXPath: "//failure").count == 1)
        }
    }

    @Test func exitStatusesAndReports() async throws {
        let config = try AcceptanceSuiteTests.jwtConfiguration(stateless: true)
        try await withTestServer(config, handler: ExampleServer.make().handler(stateless: true)) { server in
            let token = AcceptanceSuiteTests.token("alice", audience: "acceptance")
            let junit = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml")
            defer { try? FileManager.default.removeItem(at: junit) }
            let passing = try await run(["accept", "--url", server.url, "--token", token, "--json", "--junit", junit.path])
            #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
            let report = try JSONParser.parse(passing.stdout)
            #expect(report["schemaVersion"] == 3)
            #expect(report["authChecked"] == true)
            #expect(report["verdict"] == "pass")
            #expect(report["summary"]?["failed"] == 0)
            #expect(try String(contentsOf: junit, encoding: .utf8).contains(#"<testsuite name="mcp-acceptance""#))

            let failing = try await run(["accept", "--url", server.url, "--token", token, "--expect", "stateful"])
            #expect(failing.status == 1)
            #expect(failing.stdout.contains("FAIL  stateful.session-issued"))
            #expect(!failing.stdout.contains("\u{1B}["), "no colours when not on a terminal")

            let withoutToken = try await run(["accept", "--url", server.url, "--json"])
            #expect(withoutToken.status == 2)
            #expect(withoutToken.stderr.hasPrefix("migrate accept: the server requires a bearer token (401 to initialize: WWW-Authenticate: Bearer "))
            #expect(withoutToken.stderr.contains("): pass --token; passed without one: auth.required, "))
            #expect(try JSONParser.parse(withoutToken.stdout)["verdict"] == "token-required")

            let rejected = try await run(["accept", "--url", server.url, "--token", ""])
            #expect(rejected.status == 2)
            #expect(rejected.stderr.hasPrefix("migrate accept: the server rejected --token: "))
            #expect(rejected.stdout.contains(" failed, 0 skipped: TOKEN-REJECTED\n") || rejected.stdout.contains(" skipped: TOKEN-REJECTED\n"))

            let contradiction = try await run(["accept", "--url", server.url, "--token", token, "--expect-no-auth"])
            #expect(contradiction.status == 2)
            #expect(contradiction.stderr.contains("--expect-no-auth and --token contradict each other"))

            let halfStepUp = try await run(["accept", "--url", server.url, "--scoped-tool", "admin_info"])
            #expect(halfStepUp.status == 2)
            #expect(halfStepUp.stderr.contains("--scoped-tool and --low-scope-token go together"))

            let badArguments = try await run(["accept", "--url", server.url, "--identity-tool-args", "[1]"])
            #expect(badArguments.status == 2)
            #expect(badArguments.stderr.contains("--identity-tool-args must be a JSON object, got [1]"))
        }
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make().handler(stateless: true)) { server in
            let open = try await run(["accept", "--url", server.url])
            #expect(open.status == 1, "\(open.stdout)")
            #expect(open.stdout.contains("FAIL  auth.required"))
            #expect(open.stdout.contains(" passed, 1 failed, "))
            let meant = try await run(["accept", "--url", server.url, "--expect-no-auth"])
            #expect(meant.status == 0, "\(meant.stdout)")
            #expect(meant.stdout.contains(" skipped: PASS — authentication not checked (--expect-no-auth)\n"))
        }
        let notMCP = try await LoopbackApp.start { _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"ok": true}"#)))
        }
        try await withLoopbackApp(notMCP) { app in
            let text = try await run(["accept", "--url", app.url])
            #expect(text.status == 1)
            #expect(text.stdout.contains("0 passed, 0 failed, 0 skipped: NOT-MCP\n  - not an MCP endpoint: no JSON-RPC reply"))
            let json = try await run(["accept", "--url", app.url, "--json"])
            #expect(json.status == 1)
            let report = try JSONParser.parse(json.stdout)
            #expect(report["verdict"] == "not-mcp")
            #expect(report["results"] == [])
        }
        // An operator's number of any size is a bound, never a trap.
        let huge = try await run(["accept", "--url", "http://127.0.0.1:1/mcp", "--timeout", "99999999999", "--total-timeout", "99999999999"])
        #expect(huge.status == 2, "\(huge.stderr)")
        #expect(huge.stderr.hasPrefix("migrate accept: cannot reach http://127.0.0.1:1/mcp"))
        let unreachable = try await run(["accept", "--url", "http://127.0.0.1:1/mcp"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr == "migrate accept: cannot reach http://127.0.0.1:1/mcp: cannot connect to 127.0.0.1:1: connection refused\n")
        let usage = try await run(["accept", "--url", "ftp://x", "--era", "medieval"])
        #expect(usage.status == 2)
        let version = try await run(["--version"])
        #expect(version.stdout == PackageVersion.current + "\n")
    }

    /// `--browser` as a person runs it: the browser cases join the report and its JSON names
    /// the browser; no browser is a usage error naming what to install, never a pass.
    @Test(.enabled(if: BrowserTest.enabled, "no Chromium on PATH (apt-get install chromium)"))
    func theBrowserFlag() async throws {
        var config = try AcceptanceSuiteTests.jwtConfiguration(stateless: true)
        config.allowedOrigins = ["https://app.example.com"]
        try await withTestServer(config, handler: ExampleServer.make().handler(stateless: true)) { server in
            let token = AcceptanceSuiteTests.token("alice", audience: "acceptance")
            let passing = try await run(["accept", "--url", server.url, "--token", token, "--origin", "https://app.example.com", "--browser", "--json"])
            #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
            let report = try JSONParser.parse(passing.stdout)
            let browserResults = report["results"]?.arrayValue?.filter { $0["id"]?.stringValue?.hasPrefix("browser.") == true } ?? []
            #expect(browserResults.map { $0["verdict"] } == ["pass", "skip", "pass", "pass", "pass"], "\(passing.stdout)")
            #expect(report["browser"]?.stringValue?.hasPrefix("Chromium ") == true)

            let missing = try await run(["accept", "--url", server.url, "--token", token, "--browser", "--browser-path", "/nonexistent/chromium"])
            #expect(missing.status == 2)
            #expect(missing.stderr == "migrate accept: --browser: --browser-path /nonexistent/chromium is not an executable file\n")
            #expect(missing.stdout.isEmpty)
            let half = try await run(["accept", "--url", server.url, "--browser-path", "/usr/bin/chromium"])
            #expect(half.status == 2)
            #expect(half.stderr.contains("--browser-path needs --browser"))
        }
    }
}
