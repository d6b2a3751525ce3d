import MigrateKit
import Testing

@Suite struct FindingsTests {
    /// The SDK's transport is a site: `undefined` is already stateless, a generator is review with
    /// the steps, and the per-session callbacks are findings.
    @Test func officialSDKTransportsAreSites() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "@modelcontextprotocol/sdk": "^1.25.1" } }"#,
            "src/sdk.ts": """
                import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
                import { randomUUID } from "node:crypto";
                const stateful = new StreamableHTTPServerTransport({
                  sessionIdGenerator: () => randomUUID(),
                  onsessioninitialized: (id) => { transports[id] = stateful; },
                });
                const stateless = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
                const notAnSDKOne = new StreamableHTTPServerTransportLookalike({ sessionIdGenerator: () => "x" });
                """,
        ])
        let report = try temp.inspect().report
        let sites = report.sites.filter { $0.stack == "sdk-ts" }
        #expect(sites.map { "\($0.line) \($0.outcome.rawValue)" } == ["3 review", "7 already"])
        #expect(sites[0].reason.hasPrefix("`sessionIdGenerator` makes this transport stateful. For stateless mode: set `sessionIdGenerator: undefined`; create a new server and transport for every POST"))
        #expect(report.findings.filter { $0.kind == "session-state" }.map(\.line) == [5])
    }

    /// The v2 split packages' transports take the same option.
    @Test func officialSDKVersion2TransportsAreSites() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "@modelcontextprotocol/node": "^2.1.0", "@modelcontextprotocol/server": "^2.1.0" } }"#,
            "src/v2.ts": """
                import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
                import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
                const node = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
                const web = new WebStandardStreamableHTTPServerTransport();
                """,
        ])
        let sites = try temp.inspect().report.sites.filter { $0.stack == "sdk-ts" }
        #expect(sites.map { "\($0.line) \($0.outcome.rawValue)" } == ["3 review", "4 already"])
    }

    /// Around an SDK transport, what is kept per session id is a finding; a map keyed by
    /// something else is not.
    @Test func officialSDKTransportMapsAreFindings() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "@modelcontextprotocol/sdk": "^1.25.1" } }"#,
            "src/server.ts": """
                import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
                const transports: Record<string, StreamableHTTPServerTransport> = {};
                const byUser = new Map<string, number>();
                export async function handle(req, res) {
                  const sessionId = req.headers["mcp-session-id"] as string | undefined;
                  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
                  transports[sessionId!] = transport;
                  transports[transport.sessionId] = transport;
                  byUser.set(req.auth.subject, 1);
                  counts.set(sessionId, 0);
                }
                """,
        ])
        let findings = try temp.inspect().report.findings.filter { $0.kind == "session-state" }
        #expect(findings.map(\.line) == [7, 8, 10])
        #expect(findings[0].advice.hasPrefix("`transports[sessionId!]` keeps state per session id: a stateless transport"))
        #expect(findings[2].advice.hasPrefix("`counts.set(sessionId, …)` keeps state per session id"))
    }

    /// Reading `context.session` (what `authenticate` returned, recomputed on every request) is
    /// fine; storing into it is not, however it is written.
    @Test func sessionStoresAreFindingsAndReadsAreNot() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "fastmcp": "^4.6.0" } }"#,
            "src/cart.ts": """
                import { FastMCP } from "fastmcp";
                const server = new FastMCP({ name: "cart", version: "1" });
                const carts = new Map<string, string[]>();
                server.addTool({
                  execute: async (args, context) => {
                    const who = context.session?.subject;
                    log(`user ${context.session.subject} asked`);
                    context.session.cart ??= [];
                    context.session.cart.push(args.item);
                    context.session.visits++;
                    Object.assign(context.session, { last: args.item });
                    carts.set(context.sessionId, []);
                    return `${context.session.count++}`;
                  },
                });
                server.addTool({
                  execute: async (args, { session }) => {
                    const { subject } = session;
                    session.lastSeen = Date.now();
                    const s = session;
                    s.items.add(args.x);
                    return subject;
                  },
                });
                """,
        ])
        let findings = try temp.inspect().report.findings.filter { $0.kind == "session-state" }
        #expect(findings.map(\.line) == [8, 9, 10, 11, 12, 13, 19, 21])
        #expect(findings.first?.advice.hasPrefix("`context.session.cart` stores state on the session") == true)
        #expect(findings.last?.advice.hasPrefix("`s.items.add(…)` changes state kept on the session") == true)
    }

    @Test func sessionBlockersAreFoundWithTheirLines() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "fastmcp": "^4.6.0" } }"#,
            "src/server.ts": """
                import { FastMCP } from "fastmcp";
                const server = new FastMCP({ name: "x", version: "1" });
                server.on("connect", () => {});
                server.on("error", () => {});
                const n = server.sessions.length;
                server.addTool({ execute: async (a, ctx) => ctx.session.requestSampling({}) });
                const roots = await ctx.session.listRoots();
                """,
            "src/class.ts": """
                import { FastMCP } from "fastmcp";
                class Wrapper {
                  constructor() {
                    this.server = new FastMCP({ name: "x", version: "1" });
                    this.server.on("disconnect", () => {});
                  }
                }
                """,
            "src/sdk.ts": """
                const a = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
                const b = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
                const corsNote = "cors";
                """,
        ])
        let findings = try temp.inspect().report.findings.filter { $0.kind == "session-state" }
        // `ctx.session` is only read on lines 6 and 7: what is reported there is sampling and roots.
        #expect(findings.map { "\($0.file):\($0.line)" } == [
            "src/class.ts:5", "src/server.ts:3", "src/server.ts:5", "src/server.ts:6", "src/server.ts:7",
        ])
        #expect(findings[0].advice.contains("`this.server.on(\"disconnect\")` fires for every request"))
        #expect(findings[1].advice.contains("`server.on(\"connect\")` fires for every request"))
    }

    @Test(arguments: [
        ("mcp==1.9.4\n", "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('x')\n", "python-mcp", "(1.x): create the server with `FastMCP(\"name\", stateless_http=True)`"),
        ("mcp>=2.3\n", "from mcp.server.mcpserver import MCPServer\n", "python-mcp", "(2.x): run `server.run(\"streamable-http\", stateless_http=True)`"),
        ("mcp==2.3.0\n", "from mcp.server.fastmcp import FastMCP\n", "python-mcp", "is 2.x, where `mcp.server.fastmcp` no longer exists"),
        ("fastmcp==4.2.3\n", "from fastmcp import FastMCP\n", "python-fastmcp", "`mcp.run(transport=\"http\", stateless_http=True)`"),
    ])
    func pythonAdviceMatchesThePackageAndVersion(requirements: String, source: String, stack: String, advice: String) throws {
        let temp = try TemporaryRepository(files: ["requirements.txt": requirements, "app/server.py": source])
        let report = try temp.inspect().report
        let finding = try #require(report.findings.first { $0.kind == "python-server" })
        #expect(finding.file == "app/server.py")
        #expect(finding.advice.contains(advice), "\(finding.advice)")
        #expect(report.sites.map(\.stack) == [stack])
        #expect(report.sites.map(\.outcome) == [.review])
        #expect(try temp.inspect().edits.isEmpty)
    }

    @Test func uvLockVersionWinsOverTheRange() throws {
        let temp = try TemporaryRepository(files: [
            "pyproject.toml": "[project]\ndependencies = [\n  \"mcp[cli]>=1.2\",\n]\n",
            "uv.lock": "[[package]]\nname = \"mcp\"\nversion = \"2.3.0\"\n",
            "server.py": "from mcp.server.mcpserver import MCPServer\nserver = MCPServer('x')\nserver.run('streamable-http', stateless_http=True)\n",
        ])
        let report = try temp.inspect().report
        #expect(report.findings.first?.advice.contains("==2.3.0 (uv.lock)") == true)
        #expect(report.sites.map(\.outcome) == [.already])
    }

    @Test func monorepoPackagesAreJudgedByTheirOwnResolvedVersions() throws {
        let temp = try TemporaryRepository(copying: PackageRoot.path + "/Examples/downstream/fastmcp-monorepo")
        let report = try temp.inspect().report
        let deps = report.dependencies.filter { $0.package == "fastmcp" }
        #expect(deps.map(\.workspace) == ["packages/chat", "packages/search"])
        #expect(deps.map(\.resolved) == ["3.22.0", "3.8.2"])
        #expect(deps.map(\.satisfied) == [true, false])
        let stateless = report.sites.filter { $0.recipe == .statelessOptIn }
        #expect(stateless.map(\.outcome) == [.apply, .blocked])

        let bumped = try temp.inspect(bump: true)
        #expect(bumped.report.sites.filter { $0.recipe == .statelessOptIn }.map(\.outcome) == [.apply, .apply])
        let floor = try #require(bumped.report.sites.first { $0.recipe == .dependencyFloor && $0.file == "packages/search/package.json" })
        #expect(floor.outcome == .apply)
        #expect(floor.edit?.summary == "raise fastmcp to \"^3.13.0\"")
        #expect(bumped.installCommands == ["npm install"])
        #expect(bumped.edits["package-lock.json"] == nil)
    }
}
