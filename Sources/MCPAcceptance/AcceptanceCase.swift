/// One black-box check: a stable id (`area.name`), why it matters, what it checks against.
public struct AcceptanceCase: Sendable {
    public var id: String
    public var rationale: String
    /// The specification or RFC section.
    public var reference: String
    let body: @Sendable (Probe) async throws -> Verdict

    public init(id: String, rationale: String, reference: String, _ body: @escaping @Sendable (Probe) async throws -> Verdict) {
        self.id = id
        self.rationale = rationale
        self.reference = reference
        self.body = body
    }

    /// The area: the part of `id` before the dot.
    public var area: String { String(id.prefix { $0 != "." }) }
}

/// A case's outcome.
public enum Verdict: Sendable, Equatable {
    case pass
    /// What was sent and seen, and what was expected.
    case fail(Evidence)
    /// The precondition that was missing.
    case skip(String)

    public var label: String {
        switch self {
        case .pass: return "pass"
        case .fail: return "fail"
        case .skip: return "skip"
        }
    }
}

/// The evidence of a failure.
public struct Evidence: Sendable, Equatable {
    /// What the case expected.
    public var expected: String
    /// The request, e.g. `POST http://…/mcp` with its relevant headers and body excerpt.
    public var request: String
    public var status: Int?
    /// The response headers that matter for the case.
    public var headers: [String: String]
    public var bodyExcerpt: String

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
    public var id: String
    public var rationale: String
    public var reference: String
    public var verdict: Verdict
    public var duration: Duration
}
