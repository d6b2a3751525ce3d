import ReportText

/// JUnit XML (`--junit FILE`), for CI systems.
public struct JUnitReport {
    let report: AcceptanceReport

    /// The report of `report`.
    public init(_ report: AcceptanceReport) { self.report = report }

    /// The JUnit XML document.
    public func render() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let total = report.results.reduce(Duration.zero) { $0 + $1.duration }
        let failures = report.failed + report.skipsThatCount
        xml += #"<testsuite name="mcp-acceptance" tests="\#(report.results.count)" failures="\#(failures)" skipped="\#(report.skipped - report.skipsThatCount)" time="\#(seconds(total))">"# + "\n"
        if !report.succeeded, report.results.isEmpty {
            let reason = report.outcome.reasons.joined(separator: "\n")
            xml += #"  <testcase classname="run" name="\#(XMLText.escaped(report.outcome.label))">"# + "\n"
            xml += #"    <failure message="\#(XMLText.escaped(reason))"/>"# + "\n  </testcase>\n"
        }
        for result in report.results {
            let area = String(result.id.prefix { $0 != "." })
            xml += #"  <testcase classname="\#(XMLText.escaped(area))" name="\#(XMLText.escaped(result.id))" time="\#(seconds(result.duration))""#
            switch result.verdict {
            case .pass, .passWithNote:
                xml += "/>\n"
            case .skip(let skip):
                if let counts = result.skipCounts {
                    let detail = [result.rationale, "skipped: " + skip.reason, "counts as a failure: " + counts].map(XMLText.escaped).joined(separator: "\n")
                    xml += ">\n" + #"    <failure message="skipped although \#(XMLText.escaped(counts))">"# + detail + "</failure>\n  </testcase>\n"
                } else {
                    xml += ">\n" + #"    <skipped message="\#(XMLText.escaped(skip.reason))"/>"# + "\n  </testcase>\n"
                }
            case .fail(let evidence):
                var lines = [result.rationale, "request: " + evidence.request, "status: " + (evidence.status.map(String.init) ?? "none")]
                for (name, value) in evidence.headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
                lines += ["body: " + evidence.bodyExcerpt, "checks: " + result.reference]
                let detail = lines.map(XMLText.escaped).joined(separator: "\n")
                xml += ">\n" + #"    <failure message="expected \#(XMLText.escaped(evidence.expected))">"# + detail + "</failure>\n  </testcase>\n"
            }
        }
        return xml + "</testsuite>\n"
    }

    func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(String(format3(milliseconds % 1000)))"
    }

    func format3(_ value: Int64) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
