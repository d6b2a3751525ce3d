import ArgumentParser
import Foundation
import MigrateKit

/// `migrate verify`: a static check that the migration is complete.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check statically that no `apply`, `blocked` or unresolved site remains (and, with --patches, that each patch applies or is applied).",
        discussion: "Exit status: 0 when done, 1 when work remains or a server could not be followed to its options (or, with --strict, any review site remains), 2 on a usage or repository error.")

    @OptionGroup var repository: RepositoryArguments

    @Flag(help: "Print the verdict as JSON (see docs/migrate-json.md).")
    var json = false

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

    func run() throws {
        var failed = false
        try runReportingFailures("verify") {
            let repo = try repository.open()
            let report = try Inspector().inspect(repo, options: .init()).report
            let remaining = report.sites(.apply) + report.sites(.blocked)
            let unresolved = report.sites.filter { $0.unresolved == true && $0.outcome != .notApplicable }
            let review = report.sites(.review).filter { $0.unresolved != true }
            let unreadable = report.findings.filter { $0.kind == "unreadable" && CandidateFiles.isSource($0.file) }
            let authMissing = report.findings.filter { $0.kind == "auth-missing" }
            let sessionState = report.findings.filter { $0.kind == "session-state" }
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
            let ok = remaining.isEmpty && unresolved.isEmpty && unreadable.isEmpty && (!strict || (review.isEmpty && authMissing.isEmpty && sessionState.isEmpty)) && !patchResults.contains { $0.state == "conflicts" }
            if json {
                printOut(try renderJSON(Verdict(ok: ok, remaining: remaining, unresolved: unresolved, review: review, authMissing: authMissing, sessionState: sessionState, unreadable: unreadable, patches: patchResults)))
            } else {
                for site in remaining {
                    printOut("\(site.outcome.rawValue): \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
                }
                for site in unresolved {
                    printOut("unresolved: \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
                }
                for finding in unreadable {
                    printOut("unreadable: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
                }
                for site in review {
                    printOut("review: \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.reason))\n")
                }
                for finding in sessionState where strict {
                    printOut("session-state: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
                }
                for finding in authMissing {
                    printOut("auth-missing: \(TerminalText.escaped(finding.file)):\(finding.line) \(TerminalText.escaped(finding.advice))\n")
                }
                for p in patchResults { printOut("patch \(p.file): \(p.state)\(p.detail.map { " (\($0))" } ?? "")\n") }
                printOut(ok ? "verify: done\n" : "verify: work remains\n")
            }
            failed = !ok
        }
        if failed { throw ExitCode(1) }
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
