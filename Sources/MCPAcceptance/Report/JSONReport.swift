import MCPCore

/// The machine-readable report (`--json`).
public struct JSONReport {
    public static let schemaVersion = 1
    let report: AcceptanceReport

    public init(_ report: AcceptanceReport) { self.report = report }

    public var json: JSONValue {
        let results: [JSONValue] = report.results.map { result in
            var members: [String: JSONValue] = [
                "id": .string(result.id), "rationale": .string(result.rationale), "reference": .string(result.reference),
                "verdict": .string(result.verdict.label),
                "durationMs": .int(Int(result.duration.components.seconds * 1000 + result.duration.components.attoseconds / 1_000_000_000_000_000)),
            ]
            switch result.verdict {
            case .pass: break
            case .skip(let reason): members["reason"] = .string(reason)
            case .fail(let evidence):
                members["evidence"] = [
                    "expected": .string(evidence.expected), "request": .string(evidence.request),
                    "status": evidence.status.map(JSONValue.int) ?? .null,
                    "headers": .object(evidence.headers.mapValues(JSONValue.string)), "body": .string(evidence.bodyExcerpt),
                ]
            }
            return .object(members)
        }
        return [
            "schemaVersion": .int(Self.schemaVersion), "endpoint": .string(report.endpoint), "expect": .string(report.expect.rawValue),
            "eras": .string(report.eras.rawValue),
            "serverSpeaks": ["legacy2025": .bool(report.speaksLegacy), "modern20260728": .bool(report.speaksModern)],
            "results": .array(results),
            "summary": ["passed": .int(report.passed), "failed": .int(report.failed), "skipped": .int(report.skipped)],
        ]
    }

    public func render() -> String { JSONWriter.string(json) + "\n" }
}
