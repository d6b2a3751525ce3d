import Foundation
import MCPAcceptance
import Testing
import TestSupport

/// The acceptance suite against servers nobody here wrote: the official Python SDK (mcp 2.3.0,
/// pinned in Tests/Interop/requirements.txt) stateless and stateful, without auth, and the Python
/// `fastmcp` package (4.2.3, pinned in the test-only Tests/Interop/requirements-fastmcp.txt)
/// stateless and stateful with its JWT verifier. Every verdict is pinned; docs/acceptance.md
/// explains each one that differs from ours.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct ThirdPartyServerTests {
    /// Starts `script` with `python` (its arguments made from the run's HS256 key, issuer and
    /// audience) and runs the suite in `mode`: with `auth`, tokens for two subjects and one for
    /// another audience, signed with a key made for the run. The server is always stopped with
    /// SIGKILL: uvicorn's graceful shutdown waits on open streams, and its state does not matter.
    func runSuite(
        python: String, script: String, mode: AcceptanceConfiguration.Mode, auth: Bool,
        arguments: (_ key: String, _ issuer: String, _ audience: String) -> [String]
    ) async throws -> AcceptanceReport {
        await PythonInterop.slots.acquire()
        defer { PythonInterop.slots.release() }
        // Random hex: Python verifiers take the HS256 secret as text.
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let issuer = "https://dev.local", audience = "acceptance-check"
        func token(_ subject: String, audience: String = audience) -> String {
            TestTokens.hs256(secret: Array(key.utf8), claims: ["sub": .string(subject), "iss": .string(issuer), "aud": .string(audience), "scope": "mcp:read"])
        }
        let path = PythonInterop.packageRoot.appendingPathComponent("Tests/Interop/\(script)").path
        let server = try LaunchedServer(python, [path] + arguments(key, issuer, audience))
        func stop() async {
            server.signal(SIGKILL)
            _ = await server.waitForExit()
        }
        do {
            let port = try await server.listeningPort()
            var configuration = AcceptanceConfiguration(endpoint: "http://127.0.0.1:\(port)/mcp", expect: mode, timeout: .seconds(8))
            if auth {
                configuration.token = token("alice")
                configuration.secondToken = token("bob")
                configuration.wrongAudienceToken = token("mallory", audience: "another-service")
            } else {
                configuration.expectNoAuth = true  // these rows are about everything but auth
            }
            configuration.progressTool = "count"
            configuration.progressToolArguments = ["steps": 3]
            let report = try await AcceptanceSuite(configuration: configuration).run()
            await stop()
            return report
        } catch {
            await stop()
            throw error
        }
    }

    /// The official SDK server (`sdk_http_server.py`); with `auth`, its own token verification.
    func run(_ mode: AcceptanceConfiguration.Mode, auth: Bool = false) async throws -> AcceptanceReport {
        try await runSuite(python: try PythonInterop.python(), script: "sdk_http_server.py", mode: mode, auth: auth) { key, issuer, audience in
            [mode.rawValue] + (auth ? [key, issuer, audience] : [])
        }
    }

    /// Cases every run of the SDK server fails, whatever the mode.
    static let alwaysFailed = [
        "transport.content-type-415",  // 400 "Invalid Content-Type header"
        "cors.preflight-allows-auth", "cors.expose-headers", "cors.no-wildcard-with-credentials",  // no CORS: OPTIONS is refused
        "security.foreign-host-403",  // 421 Misdirected Request, not 403
    ]

    @Test func theOfficialPythonSDKStateless() async throws {
        let report = try await run(.stateless)
        let text = TextReport(report).render(colors: false)
        #expect(report.speaksLegacy && report.speaksModern, "\(text)")
        // In stateless mode a GET still opens an event stream that never carries anything.
        #expect(report.failedIDs == Self.alwaysFailed.prefix(1) + ["stateless.get-405"] + Self.alwaysFailed.dropFirst(), "\(text)")
        #expect(report.skipsThatCount == 0)
        #expect(report.results.first { $0.id == "transport.progress-before-result" }?.verdict == .pass, "\(text)")
        #expect(report.results.first { $0.id == "transport.same-id-isolated" }?.verdict == .pass, "\(text)")
        #expect(report.outcome.exitStatus == 1)
    }

    @Test func theOfficialPythonSDKStateful() async throws {
        let report = try await run(.stateful)
        let text = TextReport(report).render(colors: false)
        #expect(report.failedIDs == Self.alwaysFailed, "\(text)")
        #expect(report.results.first { $0.id == "stateful.session-issued" }?.verdict == .pass, "\(text)")
        #expect(report.results.first { $0.id == "stateful.delete-ends-session" }?.verdict == .pass, "\(text)")
        #expect(report.skipsThatCount == 0)
    }

    /// With the SDK's own auth on, every auth case that applies passes: the challenges name the
    /// RFC 9728 metadata, which names the authorization server; tokens for another audience
    /// are refused; the token is checked on every request.
    @Test(arguments: [AcceptanceConfiguration.Mode.stateless, .stateful])
    func theOfficialPythonSDKWithItsOwnAuth(mode: AcceptanceConfiguration.Mode) async throws {
        let report = try await run(mode, auth: true)
        let text = TextReport(report).render(colors: false)
        let expected = mode == .stateless ? Self.alwaysFailed.prefix(1) + ["stateless.get-405"] + Self.alwaysFailed.dropFirst() : Self.alwaysFailed
        #expect(report.failedIDs == expected, "\(text)")
        #expect(report.skipsThatCount == 0)
        for id in ["auth.no-token-401", "auth.invalid-token-401", "auth.wrong-audience-401", "auth.challenge-syntax", "auth.every-request",
                   "auth.identity-per-request", "auth.resource-metadata"] {
            #expect(report.results.first { $0.id == id }?.verdict == .pass, "\(id): \(text)")
        }
    }

    // MARK: Python fastmcp, with auth

    /// Python fastmcp (`fastmcp_server.py`, from `.venv-fastmcp`), with its JWT verifier or,
    /// without `auth`, none.
    func runFastMCP(_ mode: AcceptanceConfiguration.Mode, auth: Bool = true) async throws -> AcceptanceReport {
        let python = PythonInterop.packageRoot.appendingPathComponent(".venv-fastmcp/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("no .venv-fastmcp with the fastmcp package: run scripts/setup-fastmcp.sh (scripts/test.sh does), or MCP_SKIP_INTEROP=1")
        }
        return try await runSuite(python: python, script: "fastmcp_server.py", mode: mode, auth: auth) { key, issuer, audience in
            ["0", auth ? key : "-", issuer, audience, mode.rawValue]
        }
    }

    /// Cases fastmcp 4.2.3 fails in both modes (docs/acceptance.md says why).
    static let fastmcpFailed = [
        "transport.content-type-415",  // 400 "Invalid Content-Type header"
        "auth.no-token-401", "auth.resource-metadata",  // a bare `Bearer` challenge: JWTVerifier alone advertises no RFC 9728 metadata
        "cors.preflight-allows-auth", "cors.expose-headers", "cors.no-wildcard-with-credentials",  // no CORS by default: OPTIONS is 405
        "security.foreign-origin-403", "security.foreign-host-403",  // no Origin or Host validation by default
    ]

    @Test func thePythonFastMCPPackageStatelessWithItsJWTVerifier() async throws {
        let report = try await runFastMCP(.stateless)
        let text = TextReport(report).render(colors: false)
        #expect(report.speaksLegacy && report.speaksModern, "\(text)")
        #expect(report.failedIDs == Self.fastmcpFailed, "\(text)")
        #expect(report.skipsThatCount == 0)
        for id in ["auth.invalid-token-401", "auth.wrong-audience-401", "auth.every-request", "auth.identity-per-request", "stateless.get-405",
                   "transport.progress-before-result", "modern.list-invariant"] {
            #expect(report.results.first { $0.id == id }?.verdict == .pass, "\(id): \(text)")
        }
        #expect(report.outcome.exitStatus == 1)
    }

    @Test func thePythonFastMCPPackageStatefulWithItsJWTVerifier() async throws {
        let report = try await runFastMCP(.stateful)
        let text = TextReport(report).render(colors: false)
        #expect(report.failedIDs == Self.fastmcpFailed, "\(text)")
        #expect(report.skipsThatCount == 0)
        for id in ["stateful.session-issued", "stateful.delete-ends-session", "auth.every-request", "auth.identity-per-request"] {
            #expect(report.results.first { $0.id == id }?.verdict == .pass, "\(id): \(text)")
        }
    }

    /// Without auth (`--expect-no-auth`) the two auth failures become skips that do not count; the
    /// rest is the same, and the summary says authentication was not checked.
    @Test func thePythonFastMCPPackageWithoutAuth() async throws {
        let report = try await runFastMCP(.stateless, auth: false)
        let text = TextReport(report).render(colors: false)
        #expect(report.failedIDs == Self.fastmcpFailed.filter { !$0.hasPrefix("auth.") }, "\(text)")
        #expect(report.skipsThatCount == 0)
        #expect(report.results.filter { $0.id.hasPrefix("auth.") }.allSatisfy { if case .skip = $0.verdict { true } else { false } }, "\(text)")
        #expect(!report.authChecked)
        #expect(report.summary.hasSuffix(": FAIL — authentication not checked (--expect-no-auth)"), "\(text)")
    }
}
