import MCPCore

/// The machine-readable report (`--json`). Documented in docs/acceptance.md.
public struct JSONReport {
    /// 3: `authChecked`, the `token-rejected` verdict, `detection.challengeReason` and `browser`
    /// (the browser's version when `browser.*` cases ran, else null) (2 added
    /// `verdict`, `reasons` and `detection`; skips carry `precondition` and `counts`).
    public static let schemaVersion = 3
    let report: AcceptanceReport

    /// The report of `report`.
    public init(_ report: AcceptanceReport) { self.report = report }

    /// The report as a JSON value (schemaVersion 3).
    public var json: JSONValue {
        let results: [JSONValue] = report.results.map { result in
            var members: [String: JSONValue] = [
                "id": .string(result.id), "rationale": .string(result.rationale), "reference": .string(result.reference),
                "verdict": .string(result.verdict.label),
                "durationMs": .int(Int(result.duration.components.seconds * 1000 + result.duration.components.attoseconds / 1_000_000_000_000_000)),
            ]
            switch result.verdict {
            case .pass: break
            case .passWithNote(let note): members["note"] = .string(note)
            case .skip(let skip):
                members["reason"] = .string(skip.reason)
                members["precondition"] = .string(skip.precondition.rawValue)
                members["counts"] = .bool(result.skipCounts != nil)
                if let counts = result.skipCounts { members["countsBecause"] = .string(counts) }
            case .fail(let evidence):
                members["evidence"] = [
                    "expected": .string(evidence.expected), "request": .string(evidence.request),
                    "status": evidence.status.map(JSONValue.int) ?? .null,
                    "headers": .object(evidence.headers.mapValues(JSONValue.string)), "body": .string(evidence.bodyExcerpt),
                ]
            }
            return .object(members)
        }
        let detection = report.detection
        return [
            "schemaVersion": .int(Self.schemaVersion), "endpoint": .string(report.endpoint), "expect": .string(report.expect.rawValue),
            "eras": .string(report.eras.rawValue),
            "verdict": .string(report.outcome.label), "reasons": .array(report.outcome.reasons.map(JSONValue.string)),
            "authChecked": .bool(report.authChecked), "browser": report.browser.map(JSONValue.string) ?? .null,
            "serverSpeaks": ["legacy2025": .bool(report.speaksLegacy), "modern20260728": .bool(report.speaksModern)],
            "detection": [
                "jsonRPC": .bool(detection.jsonRPCSeen), "bearerChallenge": detection.bearerChallenge.map(JSONValue.string) ?? .null,
                "challengeReason": detection.challengeReason.map(JSONValue.string) ?? .null,
                "tools": detection.toolNames.map { .array($0.map(JSONValue.string)) } ?? .null,
                "seen": .array(detection.seen.map(JSONValue.string)),
            ],
            "results": .array(results),
            "summary": [
                "passed": .int(report.passed), "failed": .int(report.failed), "skipped": .int(report.skipped),
                "skipsThatCount": .int(report.skipsThatCount),
            ],
        ]
    }

    /// The JSON text, one line, with a trailing newline.
    public func render() -> String { JSONWriter.string(json) + "\n" }
}
