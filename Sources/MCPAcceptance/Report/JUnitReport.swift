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
            xml += #"  <testcase classname="run" name="\#(escape(report.outcome.label))">"# + "\n"
            xml += #"    <failure message="\#(escape(reason))"/>"# + "\n  </testcase>\n"
        }
        for result in report.results {
            let area = String(result.id.prefix { $0 != "." })
            xml += #"  <testcase classname="\#(escape(area))" name="\#(escape(result.id))" time="\#(seconds(result.duration))""#
            switch result.verdict {
            case .pass, .passWithNote:
                xml += "/>\n"
            case .skip(let skip):
                if let counts = result.skipCounts {
                    let detail = "\(result.rationale)\nskipped: \(skip.reason)\ncounts as a failure: \(counts)"
                    xml += ">\n" + #"    <failure message="skipped although \#(escape(counts))">"# + escape(detail) + "</failure>\n  </testcase>\n"
                } else {
                    xml += ">\n" + #"    <skipped message="\#(escape(skip.reason))"/>"# + "\n  </testcase>\n"
                }
            case .fail(let evidence):
                var detail = "\(result.rationale)\nrequest: \(evidence.request)\nstatus: \(evidence.status.map(String.init) ?? "none")\n"
                for (name, value) in evidence.headers.sorted(by: { $0.key < $1.key }) { detail += "\(name): \(value)\n" }
                detail += "body: \(evidence.bodyExcerpt)\nchecks: \(result.reference)"
                xml += ">\n" + #"    <failure message="expected \#(escape(evidence.expected))">"# + escape(detail) + "</failure>\n  </testcase>\n"
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

    func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
