import ReportText

/// A readable table; colours only when asked (on a terminal). What the server sent (and the
/// endpoint as given) is printed with its control characters escaped (``TerminalText``), so a
/// reply cannot recolour, retitle or rewrite the terminal.
public struct TextReport {
    let report: AcceptanceReport

    /// The report of `report`.
    public init(_ report: AcceptanceReport) { self.report = report }

    /// The table, the summary and the verdict's reasons; ANSI colours when `colors`.
    public func render(colors: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func safe(_ text: String) -> String { TerminalText.escaped(text) }
        let width = max(10, report.results.map(\.id.count).max() ?? 10)
        var lines: [String] = []
        let eras = [report.speaksLegacy ? "2025" : nil, report.speaksModern ? "2026-07-28" : nil].compactMap { $0 }
        lines.append("MCP acceptance: \(safe(report.endpoint)) (expect \(report.expect.rawValue), eras tested: \(report.eras.rawValue), server speaks: \(eras.isEmpty ? "none detected" : eras.joined(separator: ", ")))")
        if let challenge = report.detection.bearerChallenge { lines.append("auth: \(safe(challenge))") }
        if let browser = report.browser { lines.append("browser: \(safe(browser))") }
        lines.append("")
        for result in report.results {
            let padded = result.id + String(repeating: " ", count: width - result.id.count)
            switch result.verdict {
            case .pass:
                lines.append("\(paint("PASS", "32"))  \(padded)  \(result.rationale)")
            case .passWithNote(let note):
                lines.append("\(paint("PASS", "32"))  \(padded)  \(result.rationale)")
                lines.append("      note:     \(safe(note))")
            case .skip(let skip):
                if let counts = result.skipCounts {
                    lines.append("\(paint("SKIP", "31"))  \(padded)  \(safe(skip.reason))")
                    lines.append("      counts as a failure: \(safe(counts))")
                } else {
                    lines.append("\(paint("SKIP", "33"))  \(padded)  \(safe(skip.reason))")
                }
            case .fail(let evidence):
                lines.append("\(paint("FAIL", "31"))  \(padded)  \(result.rationale)")
                lines.append("      expected: \(safe(evidence.expected))")
                lines.append("      request:  \(safe(evidence.request))")
                lines.append("      status:   \(evidence.status.map(String.init) ?? "none")")
                for (name, value) in evidence.headers.sorted(by: { $0.key < $1.key }) {
                    lines.append("      \(safe(name)): \(safe(value))")
                }
                if !evidence.bodyExcerpt.isEmpty { lines.append("      body:     \(safe(evidence.bodyExcerpt))") }
                lines.append("      checks:   \(result.reference)")
            }
        }
        if !report.results.isEmpty { lines.append("") }
        lines.append(safe(report.summary))
        for reason in report.outcome.reasons { lines.append("  - \(safe(reason))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
