/// A readable table; colours only when asked (on a terminal).
public struct TextReport {
    let report: AcceptanceReport

    /// The report of `report`.
    public init(_ report: AcceptanceReport) { self.report = report }

    /// The table, the summary and the verdict's reasons; ANSI colours when `colors`.
    public func render(colors: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let width = max(10, report.results.map(\.id.count).max() ?? 10)
        var lines: [String] = []
        let eras = [report.speaksLegacy ? "2025" : nil, report.speaksModern ? "2026-07-28" : nil].compactMap { $0 }
        lines.append("MCP acceptance: \(report.endpoint) (expect \(report.expect.rawValue), eras tested: \(report.eras.rawValue), server speaks: \(eras.isEmpty ? "none detected" : eras.joined(separator: ", ")))")
        if let challenge = report.detection.bearerChallenge { lines.append("auth: \(challenge)") }
        lines.append("")
        for result in report.results {
            let padded = result.id + String(repeating: " ", count: width - result.id.count)
            switch result.verdict {
            case .pass:
                lines.append("\(paint("PASS", "32"))  \(padded)  \(result.rationale)")
            case .passWithNote(let note):
                lines.append("\(paint("PASS", "32"))  \(padded)  \(result.rationale)")
                lines.append("      note:     \(note)")
            case .skip(let skip):
                if let counts = result.skipCounts {
                    lines.append("\(paint("SKIP", "31"))  \(padded)  \(skip.reason)")
                    lines.append("      counts as a failure: \(counts)")
                } else {
                    lines.append("\(paint("SKIP", "33"))  \(padded)  \(skip.reason)")
                }
            case .fail(let evidence):
                lines.append("\(paint("FAIL", "31"))  \(padded)  \(result.rationale)")
                lines.append("      expected: \(evidence.expected)")
                lines.append("      request:  \(evidence.request)")
                lines.append("      status:   \(evidence.status.map(String.init) ?? "none")")
                for (name, value) in evidence.headers.sorted(by: { $0.key < $1.key }) {
                    lines.append("      \(name): \(value)")
                }
                if !evidence.bodyExcerpt.isEmpty { lines.append("      body:     \(evidence.bodyExcerpt)") }
                lines.append("      checks:   \(result.reference)")
            }
        }
        if !report.results.isEmpty { lines.append("") }
        lines.append(report.summary)
        for reason in report.outcome.reasons { lines.append("  - \(reason)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
