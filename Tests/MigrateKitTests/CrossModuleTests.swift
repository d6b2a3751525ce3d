import Foundation
import MigrateKit
import Testing

/// Shapes that span modules of one package: the server made in one file and started in another.
@Suite struct CrossModuleTests {
    private static let manifest = #"{ "name": "app", "dependencies": { "fastmcp": "^4.6.0" } }"#

    private func statelessSites(_ inspection: Inspection) -> [String] {
        inspection.report.sites.filter { $0.recipe == .statelessOptIn }.map { "\($0.file):\($0.line) \($0.outcome.rawValue)\($0.unresolved == true ? " unresolved" : "")" }
    }

    @Test func anInstanceExportedFromAnotherModule() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": Self.manifest,
            "src/server.ts": """
            import { FastMCP } from "fastmcp";
            export const server = new FastMCP({ name: "x", version: "1.0.0" });
            """,
            // The entry point never mentions fastmcp: the byte search does not pick it, the resolver does.
            "src/index.ts": """
            import { server } from "./server.js";
            server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
            """,
        ])
        let inspection = try temp.inspect()
        #expect(statelessSites(inspection) == ["src/index.ts:2 apply"])
        let edited = try inspection.editedFiles().map(\.path)
        #expect(edited == ["src/index.ts"])
    }

    @Test func aFactoryReExportedThroughAFolderIndex() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": Self.manifest,
            "src/mcp/create.ts": """
            import { FastMCP } from "fastmcp";
            export function createServer() {
              return new FastMCP({ name: "x", version: "1.0.0" });
            }
            """,
            "src/mcp/index.ts": "export { createServer as makeServer } from \"./create\";\nexport * from \"./options\";\n",
            "src/mcp/options.ts": "export const startOptions = { transportType: \"httpStream\" as const, httpStream: { port: 8080 } };\n",
            "src/main.ts": """
            import { makeServer, startOptions } from "./mcp";
            // mentions fastmcp so the file is read
            await makeServer().start(startOptions);
            """,
        ])
        let inspection = try temp.inspect()
        #expect(statelessSites(inspection) == ["src/main.ts:3 apply"])
        let site = try #require(inspection.report.sites.first { $0.recipe == .statelessOptIn })
        // The edit is in the module that declares the options.
        #expect(site.edit?.changes.map(\.file) == ["src/mcp/options.ts"])
        let options = try #require(try inspection.editedFiles().first { $0.path == "src/mcp/options.ts" })
        #expect(String(decoding: options.new, as: UTF8.self)
            == "export const startOptions = { transportType: \"httpStream\" as const, httpStream: { port: 8080, stateless: true } };\n")
    }

    @Test func aWorkspacePackageImportedByName() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "private": true, "workspaces": ["packages/*"] }"#,
            "packages/core/package.json": #"{ "name": "@acme/core", "main": "dist/index.js", "dependencies": { "fastmcp": "^4.6.0" } }"#,
            "packages/core/src/index.ts": """
            import { FastMCP } from "fastmcp";
            export default new FastMCP({ name: "core", version: "1.0.0" });
            """,
            "packages/app/package.json": #"{ "name": "@acme/app", "dependencies": { "@acme/core": "*", "fastmcp": "^4.6.0" } }"#,
            "packages/app/src/main.ts": """
            import server from "@acme/core"; // fastmcp server
            server.start({ transportType: "httpStream", httpStream: { port: 1 } });
            """,
        ])
        #expect(statelessSites(try temp.inspect()) == ["packages/app/src/main.ts:2 apply"])
    }

    @Test func verifyFailsWhileAServerIsUnresolvedAndSaysWhere() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": Self.manifest,
            "src/server.ts": """
            import { FastMCP } from "fastmcp";
            export const server = new FastMCP({ name: "x", version: "1.0.0" });
            export function boot(options: Parameters<FastMCP["start"]>[0]) {
              server.start(options);
            }
            """,
        ])
        let inspection = try temp.inspect()
        #expect(statelessSites(inspection) == ["src/server.ts:4 review unresolved"])
        let site = try #require(inspection.report.sites.first { $0.recipe == .statelessOptIn })
        #expect(site.reason.contains("`options` is a parameter: its value comes from each caller (src/server.ts:3)"))

        let text = try MigrateCLI.run(["verify", temp.root])
        #expect(text.status == 1)
        #expect(text.stdout.contains("unresolved: src/server.ts:4 [stateless-opt-in]"))
        #expect(text.stdout.hasSuffix("verify: work remains\n"))
        let json = try MigrateCLI.run(["verify", temp.root, "--json"])
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(verdict["schemaVersion"] as? Int == 2)
        #expect(verdict["ok"] as? Bool == false)
        #expect((verdict["unresolved"] as? [[String: Any]])?.first?["unresolved"] as? Bool == true)
        #expect((verdict["review"] as? [Any])?.isEmpty == true)
    }
}

extension CrossModuleTests {
    /// The multi-module sample: the start in the entry file, the edit in the options' module, the
    /// stdio branch not applicable, the test file never edited.
    @Test func theMultiModuleSampleIsFollowedEndToEnd() throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/fastmcp-multi-module")
        let inspection = try temp.inspect()
        #expect(statelessSites(inspection) == [
            "src/index.ts:8 not-applicable", "src/index.ts:10 apply", "test/server.test.ts:5 not-applicable",
        ])
        #expect(try inspection.editedFiles().map(\.path) == ["src/config.ts"])
    }
}

extension CrossModuleTests {
    /// Options declared in a test helper are never edited there: the site is left for review.
    @Test func optionsInAFileMigrateNeverEditsMakeTheSiteReview() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": Self.manifest,
            "test/fixtures/options.ts": "export const options = { transportType: \"httpStream\" as const, httpStream: { port: 1 } };\n",
            "src/main.ts": """
            import { FastMCP } from "fastmcp";
            import { options } from "../test/fixtures/options";
            new FastMCP({ name: "x", version: "1.0.0", authenticate: async () => ({}) }).start(options);
            """,
        ])
        let inspection = try temp.inspect()
        #expect(statelessSites(inspection) == ["src/main.ts:3 review unresolved"])
        #expect(inspection.edits.isEmpty)
        let site = try #require(inspection.report.sites.first { $0.recipe == .statelessOptIn })
        #expect(site.reason.hasPrefix("the edit would be in test/fixtures/options.ts, which migrate never edits"))
    }
}
