/// What the run learnt before any case ran, by a 2025 `initialize`, a 2026 `server/discover`
/// and a `tools/list` (each with the configured token, or none): the facts the overall
/// verdict and the counting of skips are judged on.
public struct Detection: Sendable, Equatable {
    /// `initialize` was answered with a result carrying `protocolVersion`.
    public var speaksLegacy = false
    /// `server/discover` was answered with `supportedVersions` containing 2026-07-28.
    public var speaksModern = false
    /// Some probe was answered with a JSON-RPC 2.0 response (a result or an error).
    public var jsonRPCSeen = false
    /// The first Bearer challenge that refused the probe's credentials, described
    /// (`401 to initialize: Bearer …`): a 401, or a 400 `invalid_request` to a token sent.
    public var bearerChallenge: String?
    /// Some probe was answered 2xx with a JSON-RPC reply: whatever token the run sent got through
    /// at least once (a 401 to one probe alone is then no rejection of the token).
    public var servedSeen = false
    /// The server's own reason in that challenge: its `error_description`, else its `error`
    /// (`nil`: the challenge gave none).
    public var challengeReason: String?
    /// Why `initialize` could not show whether the 2025 era is spoken (401, 403, 429 or 5xx), when so.
    public var legacyHidden: String?
    /// Why `server/discover` could not show whether 2026-07-28 is spoken, when so.
    public var modernHidden: String?
    /// The tools `tools/list` named (`nil`: it was not answered with a list).
    public var toolNames: [String]?
    /// One line per probe: the request and what came back, for the verdicts that stop a run.
    public var seen: [String] = []

    /// Nothing learnt yet.
    public init() {}

    /// A refusal status that hides whether the request itself would have been understood.
    static func hides(_ status: Int) -> Bool { status == 401 || status == 403 || status == 429 || status >= 500 }
}
