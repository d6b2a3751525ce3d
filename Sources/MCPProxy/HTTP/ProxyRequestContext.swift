import Hummingbird
import Logging
import NIOCore

/// The Hummingbird request context MCPProxy runs with: it keeps the channel, for
/// the peer address and for closing the connection after refusing a large body.
public struct ProxyRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    /// The context of one request on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The peer address as `ip:port` (`[ip]:port` for IPv6).
    var remoteAddress: String? {
        guard let address = channel.remoteAddress, let ip = address.ipAddress else { return nil }
        let port = address.port.map { ":\($0)" } ?? ""
        if case .v6 = address { return "[\(ip)]\(port)" }
        return ip + port
    }

    /// The local port the connection was accepted on (the bound port).
    var localPort: Int? { channel.localAddress?.port }

    /// The peer IP without the port.
    var remoteIP: String? { channel.remoteAddress?.ipAddress }
}
