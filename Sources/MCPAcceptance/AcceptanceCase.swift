/// One black-box check: a stable id (`area.name`), why it matters, what it checks against,
/// and which expectations (`--expect`) it is a requirement of.
public struct AcceptanceCase: Sendable {
    /// The stable id, `area.name`.
    public var id: String
    /// Why the check matters, in one sentence a non-expert understands.
    public var rationale: String
    /// The specification or RFC section.
    public var reference: String
    /// The modes this case is a requirement of: a skip of it fails the run when the run saw
    /// evidence that its precondition holds (see ``Skip``).
    public var requiredFor: Set<AcceptanceConfiguration.Mode>
    /// The modes a pass of this case proves; a run expecting a mode that no passing case proved fails.
    public var proves: Set<AcceptanceConfiguration.Mode>
    /// Whether the case judges the server without a token it accepts (its refusals, its
    /// challenges, its metadata): such cases still run when the server asks for a token none
    /// was given for, or rejects the one given.
    public var needsNoAcceptedToken: Bool
    let body: @Sendable (Probe) async throws -> Verdict

    /// A case; `requiredFor` defaults to both modes, `proves` to none, and a case needs an
    /// accepted token unless it says otherwise.
    public init(
        id: String, rationale: String, reference: String, requiredFor: Set<AcceptanceConfiguration.Mode> = [.stateless, .stateful],
        proves: Set<AcceptanceConfiguration.Mode> = [], needsNoAcceptedToken: Bool = false,
        _ body: @escaping @Sendable (Probe) async throws -> Verdict
    ) {
        self.id = id
        self.rationale = rationale
        self.reference = reference
        self.requiredFor = requiredFor
        self.proves = proves
        self.needsNoAcceptedToken = needsNoAcceptedToken
        self.body = body
    }

    /// The area: the part of `id` before the dot.
    public var area: String { String(id.prefix { $0 != "." }) }
}

/// A case's outcome.
public enum Verdict: Sendable, Equatable {
    case pass
    /// A pass with something the reader should know (e.g. a resource named by a path prefix).
    case passWithNote(String)
    /// What was sent and seen, and what was expected.
    case fail(Evidence)
    /// The precondition that was missing.
    case skip(Skip)

    /// `pass`, `fail` or `skip`.
    public var label: String {
        switch self {
        case .pass, .passWithNote: return "pass"
        case .fail: return "fail"
        case .skip: return "skip"
        }
    }

    /// Whether this is a pass (with or without a note).
    public var passed: Bool {
        switch self {
        case .pass, .passWithNote: return true
        case .fail, .skip: return false
        }
    }
}

/// Why a case did not run: the reason shown, and the precondition it lacked. Whether the
/// skip counts against the run is decided by the suite from what the run saw
/// (``Probe/evidence(for:)``), never by the case.
public struct Skip: Sendable, Equatable {
    /// What a case needs before it can judge the server.
    public enum Precondition: String, Sendable, Equatable {
        /// A valid token (`--token`): counts when the server answered with a Bearer challenge.
        case token
        /// A second subject's token (`--second-token`): the user's choice, never counts.
        case secondToken
        /// A tool that reports the caller: counts when one was named but is not listed.
        case identityTool
        /// The 2025 era: counts when `initialize` was refused for a reason that hides whether it is spoken (401, 403, 5xx).
        case legacyEra
        /// The 2026-07-28 era: counts when `server/discover` was refused for such a reason.
        case modernEra
        /// Excluded by `--era`, `--expect` or an unset option: the user's choice, never counts.
        case notSelected
        /// A server that speaks only 2026-07-28: never counts (a server that also speaks 2025
        /// follows that revision's rules for session-era traffic).
        case modernOnlyServer
    }

    /// Why the case did not run, as the reports show it.
    public var reason: String
    /// What the case lacked.
    public var precondition: Precondition

    /// A skip for `reason`, lacking `precondition`.
    public init(_ reason: String, _ precondition: Precondition) {
        self.reason = reason
        self.precondition = precondition
    }
}

/// The evidence of a failure.
public struct Evidence: Sendable, Equatable {
    /// What the case expected.
    public var expected: String
    /// The request, e.g. `POST http://…/mcp` with its relevant headers and body excerpt.
    public var request: String
    /// The response status (`nil`: none arrived).
    public var status: Int?
    /// The response headers that matter for the case.
    public var headers: [String: String]
    /// The response body, trimmed.
    public var bodyExcerpt: String

    /// Evidence of what was expected and what came back.
    public init(expected: String, request: String, status: Int?, headers: [String: String], bodyExcerpt: String) {
        self.expected = expected
        self.request = request
        self.status = status
        self.headers = headers
        self.bodyExcerpt = bodyExcerpt
    }
}

/// A case and its verdict.
public struct CaseResult: Sendable {
    /// The case's id.
    public var id: String
    /// The case's rationale.
    public var rationale: String
    /// The section the case checks.
    public var reference: String
    /// What the case concluded.
    public var verdict: Verdict
    /// For a skip that counts against the run: the evidence that its precondition holds.
    public var skipCounts: String?
    /// How long the case took.
    public var duration: Duration
}
