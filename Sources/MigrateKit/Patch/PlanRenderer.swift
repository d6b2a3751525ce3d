/// `migrate plan`'s output: a comment header (what is applied, what is left for review or
/// blocked, and why), then the unified diff of every edit. No dates and no absolute paths, so
/// the same repository always gives the same bytes.
public enum PlanRenderer {
    /// The plan as a reviewable patch: `#` comment lines (what is applied, left for review or
    /// blocked, and the findings), then a unified diff git can apply.
    public static func render(_ inspection: Inspection) throws -> String {
        let report = inspection.report
        var lines: [String] = []
        let applied = report.sites(.apply)
        let files = Set(inspection.edits.keys).count
        lines.append("# migrate plan: \(applied.count) edit\(applied.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")")
        lines.append("# Review this patch, then run `migrate apply` (or `git apply` it). Lines starting with # are ignored by git.")
        for outcome in [Outcome.apply, .blocked, .review] {
            for site in report.sites(outcome) {
                let text = outcome == .apply ? (site.edit?.summary ?? site.reason) : site.reason
                lines.append("# \(outcome.rawValue): \(site.file):\(site.line) [\(site.recipe.rawValue)] \(text)")
            }
        }
        for finding in report.findings {
            lines.append("# note: \(finding.file):\(finding.line) [\(finding.kind)] \(finding.advice)")
        }
        for command in inspection.installCommands {
            lines.append("# then install: \(command)")
        }
        if applied.isEmpty { lines.append("# nothing to apply") }
        var text = lines.map { $0.replacingNewlines() }.joined(separator: "\n") + "\n"
        for file in try inspection.editedFiles() {
            text += try GitPatch.diff(path: file.path, old: file.old, new: file.new)
        }
        return text
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
