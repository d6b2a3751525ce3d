/// The result of inspecting a repository: the report, and the edits `apply` would write.
public struct Inspection: Sendable {
    /// What `inspect` found (the `--json` model).
    public var report: MigrationReport
    /// Edits per file (repository-relative path), from `apply` sites only.
    public var edits: [String: [TextEdit]]
    /// The files' bytes as read, for every file that has edits.
    public var originals: [String: [UInt8]]
    /// Install commands to run after `--bump` changed a range.
    public var installCommands: [String]

    /// Each edited file's new bytes; throws when two edits of one file overlap.
    public func editedFiles() throws -> [(path: String, old: [UInt8], new: [UInt8])] {
        try edits.keys.sorted().map { path in
            let old = originals[path] ?? []
            guard let new = TextEdit.apply(edits[path] ?? [], to: old) else {
                throw MigrateError("\(path): two edits overlap; run `migrate inspect` and apply the sites one at a time")
            }
            return (path, old, new)
        }
    }
}
