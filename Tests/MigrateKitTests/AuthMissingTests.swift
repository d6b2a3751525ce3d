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

    /// The official SDK: named only where the module routes HTTP itself and nothing in it or in
    /// the local modules it imports mentions a token check.
    @Test func officialSDKServers() throws {
        let transport = #"import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";"#
        #expect(try authMissing([
            "src/open.ts": """
            import express from "express";
            \(transport)
            const app = express();
            app.post("/mcp", async (req, res) => {
              const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
              await t.handleRequest(req, res, req.body);
            });
            """,
            "src/bearer.ts": """
            import express from "express";
            import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
            \(transport)
            const app = express();
            app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
              await new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }).handleRequest(req, res, req.body);
            });
            """,
            "src/header.ts": """
            import { Hono } from "hono";
            \(transport)
            const app = new Hono();
            app.post("/mcp", (c) => c.req.header("Authorization") ? serve(new StreamableHTTPServerTransport({})) : c.text("no", 401));
            """,
            "src/imported-check.ts": """
            import express from "express";
            import { check } from "./check.js";
            \(transport)
            express().post("/mcp", check, (req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }));
            """,
            "src/check.ts": "export function check(req, res, next) { if (!verifyJwt(req.headers.authorization)) return res.sendStatus(401); next(); }\n",
            "src/imported-plain.ts": """
            import express from "express";
            import { log } from "./log.js";
            \(transport)
            express().post("/mcp", log, (req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }));
            """,
            "src/log.ts": "export function log(req, res, next) { console.log(req.path); next(); }\n",
            "src/missing-import.ts": """
            import express from "express";
            import { guard } from "./nowhere.js";
            \(transport)
            express().post("/mcp", guard, (req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }));
            """,
            "src/cors-only.ts": """
            import express from "express";
            import cors from "cors";
            \(transport)
            const app = express();
            app.use(cors({ allowedHeaders: ["Content-Type", "Authorization"] }));
            app.post("/mcp", (req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }).handleRequest(req, res));
            """,
            "src/handler-only.ts": """
            \(transport)
            export const handle = (req, res) => new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }).handleRequest(req, res);
            """,
        ]) == ["src/cors-only.ts:6", "src/imported-plain.ts:4", "src/open.ts:5"])
    }

    /// migrate's own CORS edit writes `Authorization` into the allowed headers: that must not
    /// make the finding go away after `apply`.
    @Test(arguments: ["hono-webstandard", "sdk-express-stateful", "express-cors-headers"])
    func theCORSEditDoesNotHideAMissingCheck(sample: String) throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        let before = try temp.inspect()
        #expect(before.report.findings.filter { $0.kind == "auth-missing" }.count == 1)
        _ = try Applier().apply(before, to: temp.repository, branch: nil, author: nil)
        #expect(temp.text(before.report.sites.first { $0.recipe == .corsHeaders }!.file).contains("Authorization"))
        #expect(try temp.inspect().report.findings.filter { $0.kind == "auth-missing" }.count == 1)
    }
}
