import Foundation
import MCPProxy
import TestSupport
import Testing

/// Tokens minted by PyJWT (PyPI) verify here, and the official Python client works end to end with them.
@Suite(.enabled(if: !PythonInterop.skipped, "MCP_SKIP_INTEROP=1"))
struct PyJWTInteropTests {
    func mint(_ key: TestSigningKey, audience: String, subject: String) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString).pem")
        try key.privatePEM.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await PythonInterop.run(
            "mint_pyjwt.py", [key.alg, file.path, key.kid, TestJWT.issuer, audience, subject, "mcp:read"])
        guard run.status == 0 else { throw TestFailure("PyJWT failed: \(run.stderr)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func rs256AndES256TokensFromPyJWTAreAccepted() async throws {
        try await withOAuth { fixture in
            for (key, subject) in [(fixture.rsa, "py-rsa"), (fixture.ec, "py-ec")] {
                let token = try await mint(key, audience: fixture.audience, subject: subject)
                let reply = try await fixture.call(token)
                #expect(reply.status == 200, "\(key.alg): \(reply.body)")
                #expect(reply.json?["result"]?["structuredContent"]?["subject"]?.stringValue == subject)
            }
            let wrongAudience = try await mint(fixture.rsa, audience: "https://elsewhere.example", subject: "py")
            let refused = try await fixture.call(wrongAudience)
            #expect(refused.status == 401)
        }
    }

    @Test func pythonClientEndToEndWithAPyJWTToken() async throws {
        try await withOAuth { fixture in
            let token = try await mint(fixture.ec, audience: fixture.audience, subject: "py-client")
            let run = try await PythonInterop.run("python_client.py", [fixture.server.url, "legacy", token])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(run.json?["whoami"] == ["subject": "py-client", "scopes": ["mcp:read"]])
            let tampered = String(token.dropLast(4)) + (token.hasSuffix("AAAA") ? "BBBB" : "AAAA")
            let failed = try await PythonInterop.run("python_client.py", [fixture.server.url, "legacy", tampered])
            #expect(failed.status == 3)
        }
    }
}
