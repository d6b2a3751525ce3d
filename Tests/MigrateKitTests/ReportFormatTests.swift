import Foundation
import Testing

@testable import MigrateKit

/// `--format sarif|github|junit`: byte-identical to the committed golden outputs for every
/// sample, SARIF checked field by field (and its fixes proven to produce what `apply` writes),
/// annotations and XML escaped for hostile file names.
@Suite struct ReportFormatTests {
    static let golden = PackageRoot.path + "/Tests/MigrateKitTests/Golden"

    func verdict(_ temp: TemporaryRepository, strict: Bool = false) throws -> (MigrationReport, VerifyVerdict) {
        let report = try temp.inspect().report
        return (report, VerifyVerdict(report: report, strict: strict))
    }

    @Test(arguments: Samples.names)
    func goldenOutputsAreByteIdentical(sample: String) throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        let (report, verdict) = try verdict(temp)
        let outputs = [
            "sarif": try SARIFReport.render(report, verdict: verdict),
            "github": GitHubAnnotations.render(report, verdict: verdict),
            "junit.xml": VerifyJUnit.render(report, verdict: verdict),
        ]
        for (suffix, output) in outputs {
            let committed = try String(contentsOfFile: "\(Self.golden)/\(sample).\(suffix)", encoding: .utf8)
            #expect(output == committed, "Golden/\(sample).\(suffix) is stale: run scripts/regenerate-patches.sh and review the diff")
            #expect(!output.contains(temp.root), "no absolute path in \(sample).\(suffix)")
        }
    }

    @Test(arguments: Samples.names)
    func sarifIsWellFormedAndItsFixesAreTheEdits(sample: String) throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        let inspection = try temp.inspect()
        let verdict = VerifyVerdict(report: inspection.report, strict: false)
        let text = try SARIFReport.render(inspection.report, verdict: verdict)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "migrate")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(Set(ruleIDs).count == rules.count, "one rule per id")
        for rule in rules {
            #expect((rule["name"] as? String)?.isEmpty == false)
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.contains("MIGRATION.md") == true)
            #expect(help["markdown"]?.contains("](MIGRATION.md#") == true)
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        let expected = inspection.report.sites.filter { verdict.level(of: $0) != nil }.count + inspection.report.findings.count
        #expect(results.count == expected)
        var fixed: [String: [(offset: Int, length: Int, text: String)]] = [:]
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: String])
            #expect(artifact["uriBaseId"] == "SRCROOT")
            #expect(artifact["uri"].map { !$0.hasPrefix("/") && !$0.contains("://") } == true)
            #expect(((physical["region"] as? [String: Int])?["startLine"] ?? 0) >= 1)
            let fixes = result["fixes"] as? [[String: Any]]
            #expect((fixes != nil) == ((result["properties"] as? [String: String])?["outcome"] == "apply"), "a fix exactly for apply sites")
            for fix in fixes ?? [] {
                #expect(((fix["description"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
                for change in try #require(fix["artifactChanges"] as? [[String: Any]]) {
                    let uri = try #require((change["artifactLocation"] as? [String: String])?["uri"])
                    for replacement in try #require(change["replacements"] as? [[String: Any]]) {
                        let region = try #require(replacement["deletedRegion"] as? [String: Int])
                        let inserted = try #require((replacement["insertedContent"] as? [String: String])?["text"])
                        fixed[uri, default: []].append((try #require(region["byteOffset"]), try #require(region["byteLength"]), inserted))
                    }
                }
            }
        }
        // The fixes, applied to the files, give exactly what `apply` writes.
        _ = try Applier().apply(inspection, to: temp.repository, branch: nil, author: nil)
        for (uri, replacements) in fixed {
            let path = try #require(uri.removingPercentEncoding)
            let original = try #require(inspection.originals[path])
            let edits = replacements.map { TextEdit(start: $0.offset, end: $0.offset + $0.length, replacement: $0.text) }
            let unique = edits.reduce(into: [TextEdit]()) { if !$0.contains($1) { $0.append($1) } }
            #expect(TextEdit.apply(unique, to: original) == temp.read(path), "\(sample): \(path)")
        }
    }

    static let hostile = "src/we,ird:na%me\nline.ts"

    func hostileRepository() throws -> TemporaryRepository {
        try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "fastmcp": "^3.20.0" } }"#,
            "package-lock.json": #"{ "lockfileVersion": 3, "packages": { "node_modules/fastmcp": { "version": "3.22.0" } } }"#,
            Self.hostile: """
                import { FastMCP } from "fastmcp";
                const server = new FastMCP({ name: "x <&> \\"y\\"", version: "1.0.0", authenticate: async () => ({}) });
                server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
                """,
        ])
    }

    @Test func annotationsEscapeHostileFileNames() throws {
        let (report, verdict) = try verdict(try hostileRepository())
        let lines = GitHubAnnotations.render(report, verdict: verdict).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let line = try #require(lines.first { $0.contains("stateless-opt-in") })
        #expect(line.hasPrefix("::error file=src/we%2Cird%3Ana%25me%0Aline.ts,line=3,title=stateless-opt-in (apply)::"))
        #expect(lines.allSatisfy { $0.hasPrefix("::") }, "every annotation is one line")
    }

    @Test func annotationEscapingFollowsThePlatformRules() {
        #expect(GitHubAnnotations.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(GitHubAnnotations.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func sarifAndJUnitEscapeHostileFileNames() throws {
        let (report, verdict) = try verdict(try hostileRepository())
        let sarif = try SARIFReport.render(report, verdict: verdict)
        #expect(sarif.contains(#""uri" : "src/we,ird%3Ana%25me%0Aline.ts""#))
        let junit = VerifyJUnit.render(report, verdict: verdict)
        // The line break is a character reference: no raw line of the file starts with input.
        #expect(junit.contains(#"name="src/we,ird:na%me&#10;line.ts:3""#))
        #expect(!junit.contains("<&>"))
    }

    @Test func strictTurnsReviewAndAdviceIntoErrors() throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/hono-webstandard")
        let report = try temp.inspect().report
        let lenient = GitHubAnnotations.render(report, verdict: VerifyVerdict(report: report, strict: false))
        let strict = GitHubAnnotations.render(report, verdict: VerifyVerdict(report: report, strict: true))
        #expect(lenient.split(separator: "\n").map { $0.prefix { $0 != " " } } == ["::error", "::warning", "::notice", "::notice", "::notice"])
        #expect(strict.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") })
        let junit = VerifyJUnit.render(report, verdict: VerifyVerdict(report: report, strict: true))
        #expect(junit.contains(#"<testsuite name="migrate verify" tests="6" failures="6">"#))
    }
}
