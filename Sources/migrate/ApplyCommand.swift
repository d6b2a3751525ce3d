import ArgumentParser
import Foundation
import MigrateKit
import ReportText

/// `migrate apply`: writes the planned edits.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Write the planned edits (all or nothing); optionally on a new branch with a commit.",
        discussion: """
            A dirty work tree is refused unless --allow-dirty; files with uncommitted changes are never edited. \
            With --branch the commit's author is the repository's user.name/user.email, else --author, \
            else "migrate <migrate@localhost>". Exit status: 0 when it ran, 2 on a usage or repository error.
            """)

    @OptionGroup var repository: RepositoryArguments

    @Flag(help: "Also raise the package.json ranges that block edits (never lockfiles).")
    var bump = false

    @Option(help: "Create this branch from HEAD, apply there and commit.")
    var branch: String?

    @Flag(name: .customLong("allow-dirty"), help: "Run on a dirty work tree (dirty files are still not edited).")
    var allowDirty = false

    @Option(help: "Commit author \"Name <email>\" when the repository configures none.")
    var author: String?

    func validate() throws {
        if let author, GitRepository.Identity(parsing: author) == nil {
            throw ValidationError("--author must look like \"Name <email>\", got \(author)")
        }
    }

    func run() throws {
        try runReportingFailures("apply") {
            let repo = try repository.open()
            let inspection = try Inspector().inspect(repo, options: .init(bump: bump))
            let result = try Applier().apply(inspection, to: repo, branch: branch, author: author.flatMap(GitRepository.Identity.init(parsing:)), allowDirty: allowDirty)
            if result.files.isEmpty {
                printOut("nothing to apply\n")
            } else {
                for site in inspection.report.sites(.apply) {
                    printOut("applied \(TerminalText.escaped(site.file)):\(site.line) [\(site.recipe.rawValue)] \(TerminalText.escaped(site.edit?.summary ?? site.reason))\n")
                }
                if let commit = result.commit, let branch, let author = result.author {
                    printOut("committed \(commit.prefix(12)) on \(branch) as \(author.name) <\(author.email)>\n")
                }
                for command in inspection.installCommands { printOut("now run: \(command)\n") }
            }
            let left = inspection.report.sites(.review).count + inspection.report.sites(.blocked).count
            if left > 0 { printOut("\(left) site(s) left for review or blocked: see `migrate inspect`\n") }
        }
    }
}
