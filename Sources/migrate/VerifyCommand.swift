import ArgumentParser
import Foundation
import MigrateKit
import ReportText

/// `migrate verify`: a static check that the migration is complete.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check statically that no `apply`, `blocked` or unresolved site remains (and, with --patches, that each patch applies or is applied).",
        discussion: "Exit status: 0 when done, 1 when work remains or a server could not be followed to its options (or, with --strict, any review site remains), 2 on a usage or repository error.")

    @OptionGroup var repository: RepositoryArguments

    @OptionGroup var output: FormatOptions

    @Flag(help: "Also fail on sites left for review, HTTP servers that check no token (auth-missing) and state kept on sessions (session-state).")
    var strict = false

    @Option(help: "A patch file, or a folder of *.patch files, each of which must apply or be already applied.")
    var patches: String?

    struct PatchResult: Encodable {
        var file: String
        var state: String
        var detail: String?
    }

    struct Verdict: Encodable {
        var schemaVersion = MigrationReport.currentSchemaVersion
        var ok: Bool
        var remaining: [Site]
        /// Sites where migrate found a server but could not follow it to what decides the outcome.
        var unresolved: [Site]
        /// Other review sites (they fail only with --strict).
        var review: [Site]
        /// `auth-missing` findings: HTTP servers that check no token (they fail only with --strict).
        var authMissing: [Finding]
        /// `session-state` findings: state kept on sessions stateless mode does not keep (they fail
        /// only with --strict).
        var sessionState: [Finding]
        /// Source files the search matched that could not be read (links, FIFOs, too large, not UTF-8):
        /// unresolved, so verify fails on them.
        var unreadable: [Finding]
        var patches: [PatchResult]
    }

    static let formats: [ReportFormat] = ReportFormat.allCases

    func validate() throws {
        _ = try output.resolved(allowed: Self.formats, command: "verify")
    }

    func run() throws {
        let format = try output.resolved(allowed: Self.formats, command: "verify")
        var failed = false
        try runReportingFailures("verify") {
            let repo = try repository.open()
            let report = try Inspector().inspect(repo, options: .init()).report
            let verdict = VerifyVerdict(report: report, strict: strict)
            var patchResults: [PatchResult] = []
            for file in try patchFiles() {
                let text: String
                do { text = try String(contentsOfFile: file, encoding: .utf8) } catch { throw Failure.usage("cannot read \(file)") }
                switch try repo.patchState(text) {
                case .applies: patchResults.append(PatchResult(file: file, state: "applies"))
                case .alreadyApplied: patchResults.append(PatchResult(file: file, state: "applied"))
                case .conflicts(let why): patchResults.append(PatchResult(file: file, state: "conflicts", detail: why))
                }
            }
            let ok = verdict.passes && !patchResults.contains { $0.state == "conflicts" }
            switch format {
            case .json:
                printOut(try renderJSON(Verdict(
                    ok: ok, remaining: verdict.remaining, unresolved: verdict.unresolved, review: verdict.review, authMissing: verdict.authMissing,
                    sessionState: verdict.sessionState, unreadable: verdict.unreadable, patches: patchResults)))
            case .sarif:
                printOut(try SARIFReport.render(report, verdict: verdict))
            case .github:
                let conflicts = patchResults.filter { $0.state == "conflicts" }.map { patch in
                    (level: VerifyVerdict.Level.error, title: "patch", message: "\(patch.file) conflicts: \(patch.detail ?? "")")
                }
                printOut(GitHubAnnotations.render(report, verdict: verdict, extra: conflicts))
            case .junit:
                printOut(VerifyJUnit.render(report, verdict: verdict, patches: patchResults.map { VerifyJUnit.Patch(file: $0.file, state: $0.state, detail: $0.detail) }))
            case .text:
                printText(verdict, patchResults: patchResults, ok: ok)
            }
            failed = !ok
        }
        if failed { throw ExitCode(1) }
    }

    private func printText(_ verdict: VerifyVerdict, patchResults: [PatchResult], ok: Bool) {
        for site in verdict.remaining {
            printOut("\(site.outcome.rawValue): \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
        }
        for site in verdict.unresolved {
            printOut("unresolved: \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
        }
        for finding in verdict.unreadable {
            printOut("unreadable: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
        }
        for site in verdict.review {
            printOut("review: \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
        }
        for finding in verdict.sessionState where strict {
            printOut("session-state: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
        }
        for finding in verdict.authMissing {
            printOut("auth-missing: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
        }
        for p in patchResults { printOut("patch \(p.file): \(p.state)\(p.detail.map { " (\($0))" } ?? "")\n") }
        printOut(ok ? "verify: done\n" : "verify: work remains\n")
    }

    private func patchFiles() throws -> [String] {
        guard let patches else { return [] }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: patches, isDirectory: &isFolder) else { throw Failure.usage("\(patches): no such file or folder") }
        guard isFolder.boolValue else { return [patches] }
        let names = try FileManager.default.contentsOfDirectory(atPath: patches).filter { $0.hasSuffix(".patch") }.sorted()
        return names.map { patches + "/" + $0 }
    }
}
