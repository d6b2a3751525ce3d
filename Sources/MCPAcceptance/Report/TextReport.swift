/// A readable table; colours only when asked (on a terminal).
public struct TextReport {
    let report: AcceptanceReport

    public init(_ report: AcceptanceReport) { self.report = report }

    public func render(colors: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let width = max(10, report.results.map(\.id.count).max() ?? 10)
        var lines: [String] = []
        let eras = [report.speaksLegacy ? "2025" : nil, report.speaksModern ? "2026-07-28" : nil].compactMap { $0 }
        lines.append("MCP acceptance: \(report.endpoint) (expect \(report.expect.rawValue), eras tested: \(report.eras.rawValue), server speaks: \(eras.isEmpty ? "none detected" : eras.joined(separator: ", ")))")
        lines.append("")
        for result in report.results {
            let padded = result.id + String(repeating: " ", count: width - result.id.count)
            switch result.verdict {
            case .pass:
                lines.append("\(paint("PASS", "32"))  \(padded)  \(result.rationale)")
            case .skip(let reason):
                lines.append("\(paint("SKIP", "33"))  \(padded)  \(reason)")
            case .fail(let evidence):
                lines.append("\(paint("FAIL", "31"))  \(padded)  expected \(evidence.expected)")
                lines.append("      request:  \(evidence.request)")
                lines.append("      status:   \(evidence.status.map(String.init) ?? "none")")
                for (name, value) in evidence.headers.sorted(by: { $0.key < $1.key }) {
                    lines.append("      \(name): \(value)")
                }
                if !evidence.bodyExcerpt.isEmpty { lines.append("      body:     \(evidence.bodyExcerpt)") }
                lines.append("      checks:   \(result.reference)")
            }
        }
        lines.append("")
        lines.append(report.summary)
        return lines.joined(separator: "\n") + "\n"
    }
}
