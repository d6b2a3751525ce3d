import Foundation
import MigrateKit
import Testing

/// `auth-missing`: HTTP servers that check no token are named; servers with auth, stdio servers,
/// options migrate cannot follow and test files are not.
@Suite struct AuthMissingTests {
    private func authMissing(_ files: [String: String]) throws -> [String] {
        let temp = try TemporaryRepository(files: ["package.json": #"{ "dependencies": { "fastmcp": "^4.6.0", "mcp-proxy": "^6.6.0" } }"#].merging(files) { $1 })
        return try temp.inspect().report.findings.filter { $0.kind == "auth-missing" }.map { "\($0.file):\($0.line)" }
    }

    @Test func fastmcpServers() throws {
        #expect(try authMissing([
            "src/open.ts": """
            import { FastMCP } from "fastmcp";
            const open = new FastMCP({ name: "open", version: "1.0.0" });
            open.start({ transportType: "httpStream", httpStream: { port: 1 } });
            """,
            "src/authed.ts": """
            import { FastMCP } from "fastmcp";
            const options = { name: "authed", version: "1.0.0", authenticate: async () => ({ id: "x" }) };
            const authed = new FastMCP(options);
            authed.start({ transportType: "httpStream", httpStream: { port: 2 } });
            """,
            "src/oauth.ts": """
            import { FastMCP } from "fastmcp";
            new FastMCP({ name: "o", version: "1.0.0", oauth: { enabled: true } }).start({ transportType: "httpStream", httpStream: { port: 3 } });
            """,
            "src/stdio.ts": """
            import { FastMCP } from "fastmcp";
            new FastMCP({ name: "s", version: "1.0.0" }).start({ transportType: "stdio" });
            """,
            "src/spread.ts": """
            import { FastMCP } from "fastmcp";
            import { shared } from "some-config-package";
            new FastMCP({ ...shared, name: "spread" }).start({ transportType: "httpStream", httpStream: { port: 4 } });
            """,
            "test/open.test.ts": """
            import { FastMCP } from "fastmcp";
            new FastMCP({ name: "t", version: "1.0.0" }).start({ transportType: "httpStream", httpStream: { port: 0 } });
            """,
        ]) == ["src/open.ts:2"])
    }

    @Test func mcpProxyAndSwiftServers() throws {
        #expect(try authMissing([
            "src/proxy.ts": """
            import { startHTTPServer } from "mcp-proxy";
            await startHTTPServer({ port: 1, createServer: async () => server, stateless: true });
            await startHTTPServer({ port: 2, createServer: async () => server, apiKey: process.env.KEY });
            """,
            "Sources/App/main.swift": """
            import FastMCP
            let open = FastMCPServer(name: "open", version: "1")
            try await open.run(transport: .httpStream(port: 8080, stateless: true, auth: .unauthenticated))
            let closed = FastMCPServer(name: "closed", version: "1")
            try await closed.run(transport: .httpStream(port: 8081, stateless: true, auth: .jwt(verifier)))
            """,
        ]) == ["Sources/App/main.swift:3", "src/proxy.ts:2"])
    }

    @Test func verifyPassesItAndStrictFailsOnIt() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "fastmcp": "^4.6.0" } }"#,
            "package-lock.json": #"{ "lockfileVersion": 3, "packages": { "node_modules/fastmcp": { "version": "4.6.2" }, "node_modules/mcp-proxy": { "version": "6.6.1" } } }"#,
            "src/open.ts": """
            import { FastMCP } from "fastmcp";
            const open = new FastMCP({ name: "open", version: "1.0.0" });
            open.start({ transportType: "httpStream", httpStream: { port: 1, stateless: true } });
            """,
        ])
        let plain = try MigrateCLI.run(["verify", temp.root])
        #expect(plain.status == 0, "\(plain.stdout)")
        let strict = try MigrateCLI.run(["verify", temp.root, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("auth-missing: src/open.ts:2 this FastMCP server serves HTTP without `authenticate` (or `oauth`)"))
        let json = try MigrateCLI.run(["verify", temp.root, "--strict", "--json"])
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((verdict["authMissing"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2])
    }
}
