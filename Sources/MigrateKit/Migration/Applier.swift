/// Writes an inspection's edits into the work tree, optionally on a new branch with a commit.
public struct Applier {
    /// What `apply` wrote.
    public struct Result: Sendable {
        /// Files written, repository-relative.
        public var files: [String]
        /// The new commit when a branch was asked for.
        public var commit: String?
        /// Who the commit is attributed to.
        public var author: GitRepository.Identity?
    }

    /// Writes the files (replaceable in tests to inject failures).
    public var writer: EditWriter

    /// An applier writing through `writer`.
    public init(writer: EditWriter = EditWriter()) {
        self.writer = writer
    }

    /// Applies the edits. With `branch`, creates it from HEAD, writes there and commits the edited
    /// files; the author comes from the repository's configuration, else `author`, else
    /// ``GitRepository/Identity/fallback``.
    /// A dirty work tree is refused unless `allowDirty` (dirty files are never edited either way:
    /// the inspector turns their sites into `review`).
    public func apply(
        _ inspection: Inspection, to repository: GitRepository, branch: String?, author: GitRepository.Identity?, allowDirty: Bool = false
    ) throws -> Result {
        let dirty = try repository.dirtyPaths()
        if !dirty.isEmpty && !allowDirty {
            let list = dirty.prefix(10).map { "  \($0)" }.joined(separator: "\n")
            throw MigrateError(
                "the work tree has uncommitted changes; commit or stash them, or pass --allow-dirty (dirty files are never edited):\n\(list)"
                    + (dirty.count > 10 ? "\n  … and \(dirty.count - 10) more" : ""))
        }
        if let clash = inspection.edits.keys.first(where: dirty.contains) {
            throw MigrateError("\(clash) has uncommitted changes and would be edited; nothing was written")
        }
        let files = try inspection.editedFiles().filter { $0.old != $0.new }
        guard !files.isEmpty else { return Result(files: [], commit: nil, author: nil) }
        let original = try repository.currentBranch()
        if let branch { try repository.createAndSwitchBranch(branch) }
        do {
            try writer.write(files, root: repository.root)
        } catch {
            // Nothing was written: leave HEAD where it was, without the new branch.
            if let branch, let original { try? repository.abandonBranch(branch, returningTo: original) }
            throw error
        }
        guard branch != nil else { return Result(files: files.map(\.path), commit: nil, author: nil) }
        let identity = Self.author(configured: repository.configuredIdentity(), given: author)
        let commit = try repository.commit(paths: files.map(\.path), message: Self.commitMessage(inspection), identity: identity)
        return Result(files: files.map(\.path), commit: commit, author: identity)
    }

    /// Who a commit is attributed to: the repository's git configuration, else `--author`, else
    /// ``GitRepository/Identity/fallback``.
    static func author(configured: GitRepository.Identity?, given: GitRepository.Identity?) -> GitRepository.Identity {
        configured ?? given ?? .fallback
    }

    /// The commit message: the recipes applied, then one line per edit.
    static func commitMessage(_ inspection: Inspection) -> String {
        let applied = inspection.report.sites(.apply)
        let recipes = RecipeName.allCases.filter { recipe in applied.contains { $0.recipe == recipe } }.map(\.rawValue)
        var message = "Migrate to stateless MCP: \(recipes.joined(separator: ", "))\n\nApplied by migrate:\n"
        for site in applied {
            message += "- \(site.file):\(site.line) [\(site.recipe.rawValue)] \(site.edit?.summary ?? site.reason)\n"
        }
        for command in inspection.installCommands { message += "\nThen install: \(command)\n" }
        return message
    }
}
