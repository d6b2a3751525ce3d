import ArgumentParser
import Foundation
import MigrateKit

/// `migrate plan`: the patch `apply` would write, for review.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the unified diff of every edit `apply` would make, after a header of what is left for review or blocked.",
        discussion: "Deterministic: no dates, no absolute paths. Exit status: 0 when it ran, 2 on a usage or repository error.")

    @OptionGroup var repository: RepositoryArguments

    @Flag(help: "Include the package.json range raises that unblock edits (never lockfiles).")
    var bump = false

    @Option(help: "Write the plan to this file instead of standard output.")
    var out: String?

    func run() throws {
        try runReportingFailures("plan") {
            let repo = try repository.open()
            let inspection = try Inspector().inspect(repo, options: .init(bump: bump))
            let text = try PlanRenderer.render(inspection)
            if let out {
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw Failure.usage("cannot write \(out): \(error.localizedDescription)")
                }
                FileHandle.standardError.write(Data("migrate plan: wrote \(out)\n".utf8))
            } else {
                printOut(text)
            }
        }
    }
}
