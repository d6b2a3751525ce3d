/// 2026-07-28 caching hints (`ttlMs`, `cacheScope`) put on cacheable results that
/// do not set their own: `server/discover`, `tools/list`, `prompts/list`,
/// `resources/list`, `resources/templates/list` and `resources/read`.
public struct CacheHint: Sendable, Hashable {
    /// Who may reuse a cached result.
    public enum Scope: String, Sendable, Hashable {
        /// Any cache, across authorization contexts.
        case `public`
        /// Only within the same authorization context (the same token's caller).
        case `private`
    }

    /// How long, in milliseconds, the result may be considered fresh.
    public var ttlMs: Int
    /// Who may reuse the result.
    public var scope: Scope

    /// A hint; a negative `ttlMs` counts as 0.
    public init(ttlMs: Int, scope: Scope) {
        self.ttlMs = max(0, ttlMs)
        self.scope = scope
    }

    /// One minute, private: lists rarely change, but may depend on the caller (per-tool scopes).
    public static let `default` = CacheHint(ttlMs: 60_000, scope: .private)

    /// The methods whose results carry hints.
    static let cacheableMethods: Set<String> = [
        "server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "resources/read",
    ]
}
