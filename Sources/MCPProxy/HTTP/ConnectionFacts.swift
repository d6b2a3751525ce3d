import NIOCore

/// What the endpoint needs to know about the connection a request came on: the peer's
/// address (trusted-proxy decisions, logs), the local port (the resource URL of a port-0
/// listener) and, when the server owns the connection, a way to close it after a refusal.
///
/// MCPProxy's own listener knows all of it (``ProxyRequestContext``); an endpoint mounted in
/// someone else's application knows all of it from an ``MCPConnectionContext``, only the peer
/// from a `RemoteAddressRequestContext`, and nothing from any other context.
struct ConnectionFacts: Sendable {
    /// The peer's address, when known.
    var remote: SocketAddress?
    /// The local port the connection was accepted on, when known.
    var localPort: Int?
    /// Shuts our side of the connection after the reply; `nil` when the host owns the connection.
    var closeOutput: (@Sendable () async -> Void)?

    /// The peer as `ip:port` (`[ip]:port` for IPv6), when known.
    var remoteAddress: String? { remote.flatMap(Self.text(of:)) }

    /// `ip:port` (`[ip]:port` for IPv6) of `address`; `nil` for an address without an IP.
    static func text(of address: SocketAddress) -> String? {
        guard let ip = address.ipAddress else { return nil }
        let port = address.port.map { ":\($0)" } ?? ""
        if case .v6 = address { return "[\(ip)]\(port)" }
        return ip + port
    }

    /// The peer's IP without the port, when known.
    var remoteIP: String? { remote?.ipAddress }
}
