import Foundation

/// RFC 9728 protected-resource metadata: what the server tells clients about how
/// to get a token for it. When configured, MCPProxy serves it under
/// `/.well-known/oauth-protected-resource` and names it in every challenge.
public struct ProtectedResourceMetadata: Sendable, Hashable {
    /// The resource URL (e.g. `https://mcp.example.com/mcp`); `nil` derives it from
    /// each request (scheme and host, trusted-proxy headers honoured) plus the endpoint.
    public var resource: String?
    /// Issuer URLs of the authorization servers that mint tokens for this resource.
    public var authorizationServers: [String]
    /// Scopes clients may ask for.
    public var scopesSupported: [String]
    /// A human-readable name.
    public var resourceName: String?

    /// Metadata; without `resource`, each request's URL gives it (see ``resource``).
    public init(resource: String? = nil, authorizationServers: [String] = [], scopesSupported: [String] = [], resourceName: String? = nil) {
        self.resource = resource
        self.authorizationServers = authorizationServers
        self.scopesSupported = scopesSupported
        self.resourceName = resourceName
    }

    /// The metadata document for `resourceURL`.
    func document(resourceURL: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "resource": .string(resourceURL),
            "authorization_servers": .array(authorizationServers.map(JSONValue.string)),
            "bearer_methods_supported": ["header"],
        ]
        if !scopesSupported.isEmpty { members["scopes_supported"] = .array(scopesSupported.map(JSONValue.string)) }
        if let resourceName { members["resource_name"] = .string(resourceName) }
        return .object(members)
    }

    /// The path-suffixed metadata URL of a resource (RFC 9728 §3.1):
    /// `https://host/mcp` → `https://host/.well-known/oauth-protected-resource/mcp`.
    static func metadataURL(forResource resource: String) -> String? {
        guard let schemeEnd = resource.range(of: "://") else { return nil }
        let afterScheme = resource[schemeEnd.upperBound...]
        let pathStart = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let origin = resource[..<pathStart]
        var path = String(afterScheme[pathStart...].prefix { $0 != "?" && $0 != "#" })
        while path.hasSuffix("/") { path.removeLast() }
        return origin + "/.well-known/oauth-protected-resource" + path
    }
}
