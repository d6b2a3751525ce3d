/// One version fact about an npm package, with the version it comes from.
public struct VersionFact: Sendable, Hashable {
    /// The facts migrate knows, by name.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case fastmcpStateless, fastmcpPassesAuthenticate, fastmcpCORSOption, fastmcpSSERemoved
        case proxyStateless, proxyAuthenticate, proxyAuthFailuresAre401, proxyCORSOption
        case proxyWildcardHeadersFixed, proxyDefaultHeadersIncludeProtocolVersion, proxyStatelessGET405
    }
    /// Which fact.
    public var key: Key
    /// The npm package it is about (`fastmcp`, `mcp-proxy`).
    public var package: String
    /// The first version with it.
    public var version: SemanticVersion
    /// What the version brings (or, for a removal, what it removed), for a person.
    public var fact: String
}

/// The data table behind the `dependency-floor` recipe: what each version of `fastmcp` and
/// `mcp-proxy` added, changed or removed. Nothing else in migrate hard-codes a version.
public enum VersionFacts {
    /// Every fact, with the version that brought it.
    public static let all: [VersionFact] = [
        VersionFact(key: .fastmcpStateless, package: "fastmcp", version: SemanticVersion(3, 13, 0),
                    fact: "the `httpStream.stateless` option"),
        VersionFact(key: .fastmcpPassesAuthenticate, package: "fastmcp", version: SemanticVersion(3, 19, 0),
                    fact: "passing `authenticate` on to mcp-proxy (so HTTP requests are authenticated)"),
        VersionFact(key: .fastmcpCORSOption, package: "fastmcp", version: SemanticVersion(4, 3, 0),
                    fact: "the `cors` option"),
        VersionFact(key: .fastmcpSSERemoved, package: "fastmcp", version: SemanticVersion(2, 0, 0),
                    fact: "the removal of `transportType: \"sse\"` (use `httpStream`)"),
        VersionFact(key: .proxyStateless, package: "mcp-proxy", version: SemanticVersion(5, 5, 0),
                    fact: "the `stateless` option"),
        VersionFact(key: .proxyAuthenticate, package: "mcp-proxy", version: SemanticVersion(5, 8, 0),
                    fact: "the `authenticate` option"),
        VersionFact(key: .proxyAuthFailuresAre401, package: "mcp-proxy", version: SemanticVersion(5, 8, 1),
                    fact: "401 (not 500) for authentication failures"),
        VersionFact(key: .proxyCORSOption, package: "mcp-proxy", version: SemanticVersion(5, 10, 0),
                    fact: "the `cors` option"),
        VersionFact(key: .proxyWildcardHeadersFixed, package: "mcp-proxy", version: SemanticVersion(5, 8, 0),
                    fact: "the end of `Access-Control-Allow-Headers: *` with credentials (with it, browsers refuse to send `Authorization`)"),
        VersionFact(key: .proxyDefaultHeadersIncludeProtocolVersion, package: "mcp-proxy", version: SemanticVersion(6, 4, 1),
                    fact: "`Mcp-Protocol-Version` in the default allowed CORS headers"),
        VersionFact(key: .proxyStatelessGET405, package: "mcp-proxy", version: SemanticVersion(6, 5, 1),
                    fact: "405 for GET on a stateless server"),
    ]

    /// The fact named `key`.
    public static func fact(_ key: VersionFact.Key) -> VersionFact {
        all.first { $0.key == key }!
    }
}
