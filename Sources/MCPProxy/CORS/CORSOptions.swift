/// Cross-origin settings. Origins come from the server's single allowed-origin
/// list (``OriginPolicy``); this value says what an allowed origin may do.
public struct CORSOptions: Sendable, Hashable {
    /// Request headers browsers may send by default: everything an MCP client needs, `Authorization` included.
    public static let defaultAllowedHeaders = [
        "Content-Type", "Authorization", "Accept", "Mcp-Session-Id", "Mcp-Protocol-Version",
        "Last-Event-ID", "Mcp-Method", "Mcp-Name",
    ]
    /// Response headers browsers may read: the session id and the auth challenge.
    public static let defaultExposedHeaders = ["Mcp-Session-Id", "WWW-Authenticate"]
    /// Methods allowed on preflight.
    public static let defaultAllowedMethods = ["GET", "POST", "DELETE", "OPTIONS"]

    /// `false` turns CORS off: no `Access-Control-*` headers at all.
    public var enabled: Bool
    /// `Access-Control-Allow-Headers` on preflight replies.
    public var allowedHeaders: [String]
    /// `Access-Control-Expose-Headers` on every reply.
    public var exposedHeaders: [String]
    /// `Access-Control-Allow-Methods` on preflight replies.
    public var allowedMethods: [String]
    /// `Access-Control-Allow-Credentials: true`. Bearer tokens need no credentials, so it is off by default.
    public var allowCredentials: Bool
    /// `Access-Control-Max-Age` in seconds on preflight replies.
    public var maxAge: Int?

    /// Options; the defaults allow what MCP with bearer tokens needs.
    public init(
        enabled: Bool = true, allowedHeaders: [String] = CORSOptions.defaultAllowedHeaders,
        exposedHeaders: [String] = CORSOptions.defaultExposedHeaders,
        allowedMethods: [String] = CORSOptions.defaultAllowedMethods, allowCredentials: Bool = false, maxAge: Int? = 600
    ) {
        self.enabled = enabled
        self.allowedHeaders = allowedHeaders
        self.exposedHeaders = exposedHeaders
        self.allowedMethods = allowedMethods
        self.allowCredentials = allowCredentials
        self.maxAge = maxAge
    }

    /// The defaults.
    public static let `default` = CORSOptions()
    /// No CORS headers at all (the origin check still applies).
    public static let disabled = CORSOptions(enabled: false)

    /// These options with `headers` added to the allowed ones; existing entries and order are kept,
    /// comparison is case-insensitive, nothing is duplicated.
    public func addingAllowedHeaders(_ headers: [String]) -> CORSOptions {
        var copy = self
        copy.allowedHeaders = Self.merge(allowedHeaders, headers)
        return copy
    }

    /// These options with `headers` added to the exposed ones, as ``addingAllowedHeaders(_:)``.
    public func addingExposedHeaders(_ headers: [String]) -> CORSOptions {
        var copy = self
        copy.exposedHeaders = Self.merge(exposedHeaders, headers)
        return copy
    }

    /// These options with the allowed headers replaced by `headers`.
    public func replacingAllowedHeaders(_ headers: [String]) -> CORSOptions {
        var copy = self
        copy.allowedHeaders = headers
        return copy
    }

    static func merge(_ existing: [String], _ added: [String]) -> [String] {
        var result = existing
        var seen = Set(existing.map { $0.lowercased() })
        for header in added where seen.insert(header.lowercased()).inserted {
            result.append(header)
        }
        return result
    }

    /// The `Access-Control-Allow-Headers` value. A `*` is never sent together with
    /// credentials (browsers then ignore it): it is replaced by the explicit defaults.
    var allowHeadersValue: String {
        var headers = allowedHeaders
        if allowCredentials, headers.contains("*") {
            headers = Self.merge(headers.filter { $0 != "*" }, Self.defaultAllowedHeaders)
        }
        return headers.joined(separator: ", ")
    }

    var exposeHeadersValue: String {
        var headers = exposedHeaders
        if allowCredentials, headers.contains("*") {
            headers = Self.merge(headers.filter { $0 != "*" }, Self.defaultExposedHeaders)
        }
        return headers.joined(separator: ", ")
    }
}
