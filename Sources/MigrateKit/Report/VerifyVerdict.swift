/// What `migrate verify` concludes from a report: what it fails on, what fails it only with
/// `--strict`, and how much each site or finding weighs (the level every report format shows).
public struct VerifyVerdict: Sendable {
    /// How much a site or finding weighs.
    public enum Level: String, Sendable {
        /// `verify` fails on it.
        case error
        /// A person should look (`verify --strict` fails on it).
        case warning
        /// Advice.
        case note
    }

    /// Whether `--strict` is on.
    public var strict: Bool
    /// `apply` and `blocked` sites: work left.
    public var remaining: [Site]
    /// Sites where migrate found a server but could not follow it to what decides the outcome.
    public var unresolved: [Site]
    /// Other `review` sites (they fail only with `--strict`).
    public var review: [Site]
    /// HTTP servers that check no token (they fail only with `--strict`).
    public var authMissing: [Finding]
    /// State kept on sessions (fails only with `--strict`).
    public var sessionState: [Finding]
    /// Source files the search matched, manifests and lockfiles that could not be read:
    /// unresolved (what they hold, or the versions they pin, are unknown), so verify fails on them.
    public var unreadable: [Finding]

    /// The verdict on `report`.
    public init(report: MigrationReport, strict: Bool) {
        self.strict = strict
        remaining = report.sites(.apply) + report.sites(.blocked)
        unresolved = report.sites.filter { $0.unresolved == true && $0.outcome != .notApplicable }
        review = report.sites(.review).filter { $0.unresolved != true }
        unreadable = report.findings.filter { Self.isUnresolvedUnreadable($0) }
        authMissing = report.findings.filter { $0.kind == "auth-missing" }
        sessionState = report.findings.filter { $0.kind == "session-state" }
    }

    /// Whether nothing `verify` fails on remains (patches aside).
    public var passes: Bool {
        remaining.isEmpty && unresolved.isEmpty && unreadable.isEmpty && (!strict || (review.isEmpty && authMissing.isEmpty && sessionState.isEmpty))
    }

    /// The site's level, or nil when it needs no attention (`already`, `not-applicable`).
    public func level(of site: Site) -> Level? {
        if site.outcome == .notApplicable { return nil }
        if site.outcome == .apply || site.outcome == .blocked || site.unresolved == true { return .error }
        if site.outcome == .review { return strict ? .error : .warning }
        return nil
    }

    /// The finding's level.
    public func level(of finding: Finding) -> Level {
        if Self.isUnresolvedUnreadable(finding) { return .error }
        switch finding.kind {
        case "auth-missing", "session-state": return strict ? .error : .note
        case "unreadable": return .warning
        default: return .note
        }
    }

    /// An unreadable source, `package.json` or lockfile: what decides the verdict is unknown.
    private static func isUnresolvedUnreadable(_ finding: Finding) -> Bool {
        guard finding.kind == "unreadable" else { return false }
        return CandidateFiles.isSource(finding.file) || CandidateFiles.cap(for: CandidateFiles.kind(of: finding.file)) != nil
    }
}
