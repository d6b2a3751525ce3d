import Foundation
import MCPAcceptance
import Testing
import TestSupport

/// The acceptance suite against servers nobody here wrote: the official Python SDK (mcp 2.3.0,
/// pinned in Tests/Interop/requirements.txt) stateless and stateful, without auth. Every verdict
/// is pinned; docs/acceptance.md explains each one that differs from ours.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct ThirdPartyServerTests {
    func run(_ mode: AcceptanceConfiguration.Mode) async throws -> AcceptanceReport {
        await PythonInterop.slots.acquire()
        defer { PythonInterop.slots.release() }
        let server = try LaunchedServer(
            try PythonInterop.python(), [PythonInterop.packageRoot.appendingPathComponent("Tests/Interop/sdk_http_server.py").path, mode.rawValue])
        // Always stopped with SIGKILL: uvicorn's graceful shutdown waits on the SDK's open
        // streams, and this server's state does not matter.
        func stop() async {
            server.signal(SIGKILL)
            _ = await server.waitForExit()
        }
        do {
            let port = try await server.listeningPort()
            var configuration = AcceptanceConfiguration(endpoint: "http://127.0.0.1:\(port)/mcp", expect: mode, timeout: .seconds(8))
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
}
