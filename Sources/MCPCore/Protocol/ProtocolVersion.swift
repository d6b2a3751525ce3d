/// MCP protocol revisions and the era each belongs to.
public enum ProtocolVersion {
    /// The 2025-era revisions (handshake, optional sessions), oldest first.
    public static let legacyVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
    /// The newest 2025-era revision, offered when a client asks for one we do not know.
    public static let latestLegacy = "2025-11-25"
    /// The version assumed when a 2025-era request carries no `MCP-Protocol-Version` header.
    public static let defaultLegacyWithoutHeader = "2025-03-26"
    /// The stateless-era revisions (no handshake, `_meta` on every request).
    public static let modernVersions = ["2026-07-28"]

    /// Whether `version` is a 2025-era revision.
    public static func isLegacy(_ version: String) -> Bool {
        legacyVersions.contains(version)
    }

    /// The version an `initialize` answer carries: the client's when we support it, else our latest.
    public static func negotiate(requested: String?) -> String {
        if let requested, isLegacy(requested) { return requested }
        return latestLegacy
    }
}

/// The protocol era a request was served in.
public enum ProtocolEra: String, Sendable, Hashable, CaseIterable {
    /// 2024-11-05 … 2025-11-25: `initialize` handshake, optional `Mcp-Session-Id`.
    case legacy2025
    /// 2026-07-28 and later: no handshake, `_meta` on every request.
    case modern2026
}

/// The `_meta` keys of the 2026-07-28 request and result envelopes.
public enum MetaKey {
    /// The protocol version a request speaks.
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    /// The client's capabilities, on every request.
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    /// The client's name and version.
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    /// The server's name and version, in result envelopes.
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
    /// The subscription a notification belongs to.
    public static let subscriptionID = "io.modelcontextprotocol/subscriptionId"
}
