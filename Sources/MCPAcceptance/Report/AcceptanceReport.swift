/// The verdicts of one run.
public struct AcceptanceReport: Sendable {
    public var endpoint: String
    public var expect: AcceptanceConfiguration.Mode
    public var eras: AcceptanceConfiguration.Eras
    public var speaksLegacy: Bool
    public var speaksModern: Bool
    public var results: [CaseResult]

    public var passed: Int { results.filter { $0.verdict == .pass }.count }
    public var failed: Int { results.filter { if case .fail = $0.verdict { return true } else { return false } }.count }
    public var skipped: Int { results.filter { if case .skip = $0.verdict { return true } else { return false } }.count }
    /// Whether every case that ran passed.
    public var succeeded: Bool { failed == 0 }

    /// The ids of the failed cases.
    public var failedIDs: [String] {
        results.compactMap { if case .fail = $0.verdict { return $0.id } else { return nil } }
    }

    /// `N passed, N failed, N skipped`.
    public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
}
