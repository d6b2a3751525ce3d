import ReportText

/// `migrate inspect`'s human-readable report.
public enum InspectionText {
    /// The report for a terminal: the repository, each site with its reason, the dependencies, the findings and a summary; control characters in file names and reasons escaped.
    public static func render(_ report: MigrationReport) -> String {
        var out = "repository \(report.repository.root)"
        out += " (HEAD \(report.repository.head.map { String($0.prefix(12)) } ?? "none"), \(report.repository.dirty ? "dirty" : "clean"))\n"
        if report.sites.isEmpty {
            out += "\nno MCP server set-up found (fastmcp, mcp-proxy, express/node CORS, Swift FastMCP, Python)\n"
        } else {
            out += "\nsites:\n"
            for site in report.sites {
                out += "  \(site.outcome.rawValue.padded(14)) \(TerminalText.escaped(site.file)):\(site.line)  \(site.stack)  \(site.recipe.rawValue)\n"
                out += "      \(TerminalText.escaped(site.reason))\n"
            }
        }
        if !report.dependencies.isEmpty {
            out += "\ndependencies:\n"
            for d in report.dependencies {
                let workspace = d.workspace.isEmpty ? "" : " [\(d.workspace)]"
                out += "  \(d.package)\(workspace): declared \(d.declared ?? "-"), resolved \(d.resolved ?? "-")"
                out += d.lockfile.map { " (\($0))" } ?? " (no lockfile)"
                out += ", floor \(d.floor): \(d.satisfied ? "ok" : "below")\n"
            }
        }
        if !report.findings.isEmpty {
            out += "\nfindings:\n"
            for f in report.findings { out += "  \(TerminalText.escaped(f.file)):\(f.line)  \(f.kind)\n      \(TerminalText.escaped(f.advice))\n" }
        }
        let counts = Outcome.allCases.map { outcome in "\(report.sites(outcome).count) \(outcome.rawValue)" }
        out += "\nsummary: " + counts.joined(separator: ", ") + "\n"
        return out
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
