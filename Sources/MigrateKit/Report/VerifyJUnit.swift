import ReportText

/// `migrate verify` as JUnit XML (`--format junit`), so any CI shows pass or fail per site: one
/// test case per site (classname: its recipe), per finding `verify` can fail on (unreadable,
/// auth-missing, session-state), per patch checked, and one for the whole verdict.
public enum VerifyJUnit {
    /// A checked patch: its file and state (`applies`, `applied`, `conflicts`), with why.
    public struct Patch: Sendable {
        /// The patch file as given.
        public var file: String
        /// `applies`, `applied` or `conflicts`.
        public var state: String
        /// Why it conflicts.
        public var detail: String?

        /// A checked patch.
        public init(file: String, state: String, detail: String? = nil) {
            self.file = file
            self.state = state
            self.detail = detail
        }
    }

    /// The JUnit document.
    public static func render(_ report: MigrationReport, verdict: VerifyVerdict, patches: [Patch] = []) -> String {
        var cases: [(classname: String, name: String, failure: String?)] = []
        for site in report.sites {
            let failing = verdict.level(of: site) == .error
            let state = site.unresolved == true ? "unresolved" : site.outcome.rawValue
            cases.append((site.recipe.rawValue, "\(site.file):\(site.line)", failing ? "\(state): \(site.reason)" : nil))
        }
        for finding in report.findings where ["unreadable", "auth-missing", "session-state"].contains(finding.kind) {
            let failing = verdict.level(of: finding) == .error
            cases.append((finding.kind, "\(finding.file):\(finding.line)", failing ? finding.advice : nil))
        }
        for patch in patches {
            cases.append(("patch", patch.file, patch.state == "conflicts" ? "conflicts: \(patch.detail ?? "")" : nil))
        }
        let passes = verdict.passes && !patches.contains { $0.state == "conflicts" }
        cases.append(("verify", verdict.strict ? "verify --strict" : "verify", passes ? nil : "work remains"))
        let failures = cases.filter { $0.failure != nil }.count
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuite name="migrate verify" tests="\#(cases.count)" failures="\#(failures)">"# + "\n"
        for item in cases {
            xml += #"  <testcase classname="\#(XMLText.escaped(item.classname))" name="\#(XMLText.escaped(item.name))""#
            if let failure = item.failure {
                let message = String(failure.prefix { $0 != "\n" })
                xml += ">\n" + #"    <failure message="\#(XMLText.escaped(message))">"# + XMLText.escaped(failure) + "</failure>\n  </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        return xml + "</testsuite>\n"
    }
}
