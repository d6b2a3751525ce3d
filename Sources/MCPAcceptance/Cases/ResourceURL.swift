import Foundation

/// URL rules of OAuth metadata: comparing a protected resource with the endpoint, and where
/// an authorization server's metadata lives.
enum ResourceURL {
    /// How a metadata `resource` relates to the endpoint.
    enum Match: Equatable {
        case same
        /// Same origin, and the resource's path is a leading segment path of the endpoint's.
        case pathPrefix
        case different
    }

    /// `(scheme, host, port, path)` with the scheme and host lower-cased, the default port
    /// dropped and no trailing slash (`nil`: not an absolute http(s) URL).
    static func normalized(_ text: String) -> (origin: String, path: String, query: String?)? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host?.lowercased(), !host.isEmpty, components.fragment == nil
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.flatMap { $0 == defaultPort ? nil : $0 }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        return ("\(scheme)://\(hostPart)\(port.map { ":\($0)" } ?? "")", path, components.percentEncodedQuery)
    }

    /// Compares RFC 9728's `resource` with the endpoint after normalisation.
    static func match(resource: String, endpoint: String) -> Match {
        guard let resource = normalized(resource), let endpoint = normalized(endpoint), resource.origin == endpoint.origin,
            resource.query == nil
        else { return .different }
        if resource.path == endpoint.path, endpoint.query == nil { return .same }
        if resource.path.isEmpty || endpoint.path.hasPrefix(resource.path + "/") { return .pathPrefix }
        return .different
    }

    /// An authorization server identifier clients may use: an absolute https URL without
    /// query or fragment, or http on a loopback host.
    static func isAcceptableAuthorizationServer(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil
        else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && RebindingCases.isLoopback(host.lowercased())
    }

    /// Where an issuer's metadata is: RFC 8414's well-known URI (inserted before the issuer's
    /// path), then OpenID Connect Discovery's (appended to it).
    static func authorizationServerMetadataURLs(_ issuer: String) -> [String] {
        guard var components = URLComponents(string: issuer) else { return [] }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        components.percentEncodedPath = "/.well-known/oauth-authorization-server" + path
        let rfc8414 = components.string
        components.percentEncodedPath = path + "/.well-known/openid-configuration"
        return [rfc8414, components.string].compactMap { $0 }
    }
}
