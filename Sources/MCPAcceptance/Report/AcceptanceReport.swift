/// The verdicts of one run, and the overall outcome.
public struct AcceptanceReport: Sendable {
    /// The run as a whole. Only ``passed`` is success; anything unsure is one of the others.
    public enum Outcome: Sendable, Equatable {
        /// Every case that ran passed, no skip hid a requirement, and a passing case proved the expected mode.
        case passed
        /// Why the run failed: failed cases, skips that count, an unproved mode.
        case failed([String])
        /// No probe got a JSON-RPC reply (nor a Bearer challenge): the URL is not an MCP endpoint.
        case notMCP(String)
        /// No `--token` was given, the server answered with a Bearer challenge, and the cases
        /// that need no token passed: what they proved, and to pass `--token`.
        case tokenRequired(String)
        /// The server refused the given `--token` with a 401 Bearer challenge: its own reason.
        /// Only the cases that need no accepted token ran.
        case tokenRejected(String)

        /// `pass`, `fail`, `not-mcp`, `token-required` or `token-rejected`.
        public var label: String {
            switch self {
            case .passed: return "pass"
            case .failed: return "fail"
            case .notMCP: return "not-mcp"
            case .tokenRequired: return "token-required"
            case .tokenRejected: return "token-rejected"
            }
        }

        /// The sentences that explain anything but a pass.
        public var reasons: [String] {
            switch self {
            case .passed: return []
            case .failed(let reasons): return reasons
            case .notMCP(let reason), .tokenRequired(let reason), .tokenRejected(let reason): return [reason]
            }
        }

        /// The exit status `migrate accept` uses: 0 passed, 1 failed or not MCP, 2 token required or rejected.
        public var exitStatus: Int32 {
            switch self {
            case .passed: return 0
            case .failed, .notMCP: return 1
            case .tokenRequired, .tokenRejected: return 2
            }
        }
    }

    /// The endpoint tested.
    public var endpoint: String
    /// The mode the server was expected to be in.
    public var expect: AcceptanceConfiguration.Mode
    /// The eras tested.
    public var eras: AcceptanceConfiguration.Eras
    /// What the run learnt before the cases.
    public var detection: Detection
    /// Every case, in the order run (empty when the run stopped before the cases).
    public var results: [CaseResult]
    /// The run as a whole.
    public var outcome: Outcome
    /// Whether authentication was part of the run: false only under `--expect-no-auth`
    /// (``AcceptanceConfiguration/expectNoAuth``), when no `auth.*` case judged the server.
    public var authChecked = true
    /// The browser that ran the `browser.*` cases, with its version (`nil`: no browser ran).
    public var browser: String?

    /// Whether the server answered a 2025-era `initialize`.
    public var speaksLegacy: Bool { detection.speaksLegacy }
    /// Whether the server answered a 2026 `server/discover`.
    public var speaksModern: Bool { detection.speaksModern }

    /// Cases that passed (with or without a note).
    public var passed: Int { results.filter { $0.verdict.passed }.count }
    /// Cases that failed.
    public var failed: Int { results.filter { if case .fail = $0.verdict { return true } else { return false } }.count }
    /// Cases skipped, counting or not.
    public var skipped: Int { results.filter { if case .skip = $0.verdict { return true } else { return false } }.count }
    /// Skips whose precondition the run saw evidence for: they fail the run.
    public var skipsThatCount: Int { results.filter { $0.skipCounts != nil }.count }
    /// Whether the run passed (``Outcome/passed``).
    public var succeeded: Bool { outcome == .passed }

    /// The ids of the failed cases.
    public var failedIDs: [String] {
        results.compactMap { if case .fail = $0.verdict { return $0.id } else { return nil } }
    }

    /// `N passed, N failed, N skipped` (and how many skips count), then the verdict, and that
    /// authentication was not checked when it was not.
    public var summary: String {
        let counting = skipsThatCount > 0 ? " (\(skipsThatCount) counting as failures)" : ""
        let unchecked = authChecked ? "" : " — authentication not checked (--expect-no-auth)"
        return "\(passed) passed, \(failed) failed, \(skipped) skipped\(counting): \(outcome.label.uppercased())\(unchecked)"
    }
}
