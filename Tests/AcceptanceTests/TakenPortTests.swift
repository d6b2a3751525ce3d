import Foundation
import MCPProxy
import Testing
import TestSupport

/// A port that is taken is one line and exit 1, from each server binary: no drain log, no
/// socket error's text, no crash.
@Suite struct TakenPortTests {
    static let binaries = PythonInterop.packageRoot.appendingPathComponent(".build/debug")
    static let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
    static let fixture = PythonInterop.packageRoot.appendingPathComponent("Tests/Interop/stdio_fixture.py").path

    static func arguments(_ executable: String, port: Int) -> [String] {
        let jwt = ["--jwt-hs256-secret", "taken-port-secret-0123456789abcdef", "--audience", "taken"]
        switch executable {
        case "mcp-stateless-proxy": return ["--port", "\(port)", "--stateless", "--no-auth", "--", python, fixture]
        case "mcp-mounted-example": return ["--port", "\(port)"] + jwt
        default: return ["--port", "\(port)"] + jwt
        }
    }

    @Test(arguments: ["mcp-example", "mcp-notes-example", "mcp-mounted-example", "mcp-stateless-proxy"])
    func aTakenPortIsOneLineAndExitOne(executable: String) async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: NativeMCPServer(name: "holder", version: "1", tools: [])) { holder in
            let server = try LaunchedServer(Self.binaries.appendingPathComponent(executable).path, Self.arguments(executable, port: holder.port))
            let status = await server.waitForExit()
            let stderr = server.stderr
            #expect(status == 1, "\(stderr)")
            #expect(stderr.filter { $0.hasPrefix("Error:") } == [
                "Error: cannot listen on 127.0.0.1:\(holder.port): the address is already in use; stop what holds it or choose another port (--port)"
            ], "\(stderr)")
            #expect(!stderr.contains { $0.contains("draining") || $0.contains("errno") }, "\(stderr)")
        }
    }
}
