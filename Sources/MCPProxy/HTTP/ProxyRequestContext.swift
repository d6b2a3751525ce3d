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

    /// The connection's facts for the endpoint: addresses, and closing our side after a refusal.
    var connection: ConnectionFacts {
        let channel = self.channel
        return ConnectionFacts(
            remote: channel.remoteAddress, localPort: channel.localAddress?.port,
            closeOutput: { try? await channel.close(mode: .output) })
    }
}
