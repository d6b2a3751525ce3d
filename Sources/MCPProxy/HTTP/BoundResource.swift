import Synchronization

/// The server's resource URL once the port is known: built once (at start-up, or when a
/// listener on port 0 is bound), never from a request.
final class BoundResource: Sendable {
    let configuration: MCPProxyConfiguration
    private let known: Mutex<String?>

    init(configuration: MCPProxyConfiguration) {
        self.configuration = configuration
        let upfront = configuration.protectedResource?.resource != nil || configuration.port != 0
        known = Mutex(upfront ? configuration.resourceURL(boundPort: configuration.port) : nil)
    }

    /// Records the bound port (port 0 binds).
    func listening(on port: Int) {
        known.withLock { url in
            if url == nil { url = configuration.resourceURL(boundPort: port) }
        }
    }

    /// The resource URL; `localPort` (the accepted connection's local port) covers a
    /// request that arrives before the listener callback ran.
    func url(localPort: Int?) -> String {
        if let url = known.withLock({ $0 }) { return url }
        let url = configuration.resourceURL(boundPort: localPort ?? configuration.port)
        known.withLock { $0 = $0 ?? url }
        return url
    }

    /// The resource URL a request is told about (metadata, challenges): ``url(localPort:)``,
    /// or with ``MCPProxyConfiguration/resourceFromHost`` and no configured resource,
    /// `scheme://host` of the request plus the endpoint. Never the token audience.
    func advertised(scheme: String, host: String?, localPort: Int?) -> String {
        if configuration.resourceFromHost, configuration.protectedResource?.resource == nil, let host {
            return "\(scheme)://\(host)\(configuration.normalizedEndpoint)"
        }
        return url(localPort: localPort)
    }
}
