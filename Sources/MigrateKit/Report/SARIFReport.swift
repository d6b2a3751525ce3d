import Foundation

/// A report as SARIF 2.1.0 (`--format sarif`), the format code-scanning tools show inline on a
/// pull request's diff: one rule per recipe and finding kind, one result per site or finding
/// that needs attention, leveled as `verify` weighs it (``VerifyVerdict``), with the file and
/// line, and for an `apply` site the edit as a SARIF fix. Paths are relative to the repository
/// (`uriBaseId` `SRCROOT`); nothing depends on the machine or the time, so the output of one
/// commit is byte-identical wherever it is made.
public enum SARIFReport {
    /// The SARIF log, as pretty-printed JSON with sorted keys.
    public static func render(_ report: MigrationReport, verdict: VerifyVerdict) throws -> String {
        var results: [Result] = []
        for site in report.sites {
            guard let level = verdict.level(of: site) else { continue }
            var result = Result(
                ruleId: site.recipe.rawValue, level: level.rawValue,
                message: .init(text: "\(site.unresolved == true ? "unresolved" : site.outcome.rawValue): \(site.reason)"),
                locations: [Location(site.file, line: site.line)],
                properties: ["outcome": site.outcome.rawValue, "stack": site.stack])
            if site.outcome == .apply, let edit = site.edit {
                result.fixes = [Fix(edit, in: site.file)]
            }
            results.append(result)
        }
        for finding in report.findings {
            results.append(Result(
                ruleId: finding.kind, level: verdict.level(of: finding).rawValue, message: .init(text: finding.advice),
                locations: [Location(finding.file, line: finding.line)], properties: nil))
        }
        let used = Set(results.map(\.ruleId))
        let rules = (ReportRule.all.filter { used.contains($0.id) } + used.subtracting(ReportRule.all.map(\.id)).sorted().map(ReportRule.rule))
            .map(Rule.init)
        let log = Log(runs: [Run(tool: .init(driver: .init(name: "migrate", rules: rules)), results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
    }

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var rules: [Rule]
    }

    struct Text: Encodable {
        var text: String
    }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Help

        init(_ rule: ReportRule) {
            id = rule.id
            name = rule.name
            shortDescription = Text(text: rule.summary)
            fullDescription = Text(text: rule.help)
            help = Help(text: "\(rule.help) See MIGRATION.md, \"\(rule.section.title)\".", markdown: rule.helpMarkdown)
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Text
        var locations: [Location]
        var properties: [String: String]?
        var fixes: [Fix]?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId = "SRCROOT"

        init(_ path: String) {
            // A relative URI reference: each segment percent-encoded, the slashes kept (a `:`
            // too, or `a:b.ts` would read as a URI with the scheme `a`).
            uri = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.addingPercentEncoding(withAllowedCharacters: Self.segment) ?? String($0) }.joined(separator: "/")
        }

        private static let segment = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#:"))
    }

    struct Region: Encodable {
        var startLine: Int?
        var byteOffset: Int?
        var byteLength: Int?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation

        init(_ file: String, line: Int) {
            physicalLocation = PhysicalLocation(artifactLocation: ArtifactLocation(file), region: Region(startLine: max(line, 1)))
        }
    }

    struct Replacement: Encodable {
        var deletedRegion: Region
        var insertedContent: Text
    }

    struct ArtifactChange: Encodable {
        var artifactLocation: ArtifactLocation
        var replacements: [Replacement]
    }

    struct Fix: Encodable {
        var description: Text
        var artifactChanges: [ArtifactChange]

        /// The edit's byte replacements, grouped by the file they change.
        init(_ edit: SiteEdit, in siteFile: String) {
            description = Text(text: edit.summary)
            var byFile: [(String, [Replacement])] = []
            for change in edit.changes {
                let file = change.file ?? siteFile
                let replacement = Replacement(
                    deletedRegion: Region(byteOffset: change.start, byteLength: change.end - change.start),
                    insertedContent: Text(text: change.replacement))
                if let i = byFile.firstIndex(where: { $0.0 == file }) { byFile[i].1.append(replacement) } else { byFile.append((file, [replacement])) }
            }
            artifactChanges = byFile.map { ArtifactChange(artifactLocation: ArtifactLocation($0.0), replacements: $0.1) }
        }
    }
}
