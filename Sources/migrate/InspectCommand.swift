import ArgumentParser
import MigrateKit

/// `migrate inspect`: what is there.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the stacks, sites, outcomes, dependency versions and findings of a repository.",
        discussion: "Exit status: 0 when the inspection ran, 2 on a usage or repository error.")

    @OptionGroup var repository: RepositoryArguments

    @Flag(help: "Print the report as JSON (see docs/migrate-json.md).")
    var json = false

    @Flag(help: "Plan as if --bump were given (dependency ranges raised).")
    var bump = false

    func run() throws {
        try runReportingFailures("inspect") {
            let repo = try repository.open()
            let inspection = try Inspector().inspect(repo, options: .init(bump: bump))
            printOut(json ? try renderJSON(inspection.report) : InspectionText.render(inspection.report))
        }
    }
}
