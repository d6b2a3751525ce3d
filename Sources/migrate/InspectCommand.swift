import ArgumentParser
import MigrateKit

/// `migrate inspect`: what is there.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the stacks, sites, outcomes, dependency versions and findings of a repository.",
        discussion: "Levels in --format sarif and github are those of `verify` without --strict. Exit status: 0 when the inspection ran, 2 on a usage or repository error.")

    @OptionGroup var repository: RepositoryArguments

    @OptionGroup var output: FormatOptions

    @Flag(help: "Plan as if --bump were given (dependency ranges raised).")
    var bump = false

    static let formats: [ReportFormat] = [.text, .json, .sarif, .github]

    func validate() throws {
        _ = try output.resolved(allowed: Self.formats, command: "inspect")
    }

    func run() throws {
        let format = try output.resolved(allowed: Self.formats, command: "inspect")
        try runReportingFailures("inspect") {
            let repo = try repository.open()
            let report = try Inspector().inspect(repo, options: .init(bump: bump)).report
            let verdict = VerifyVerdict(report: report, strict: false)
            switch format {
            case .json: printOut(try renderJSON(report))
            case .sarif: printOut(try SARIFReport.render(report, verdict: verdict))
            case .github: printOut(GitHubAnnotations.render(report, verdict: verdict))
            case .text, .junit: printOut(InspectionText.render(report))
            }
        }
    }
}
