import Hummingbird
import NIOCore

/// A request context that hands a mounted MCP endpoint its connection, as MCPProxy's own
/// server has it: the peer and local addresses, and closing our side after refusing an
/// oversized body (otherwise the host's server reads and discards the rest of that body).
///
/// ```swift
/// struct AppContext: MCPConnectionContext {
///     var coreContext: CoreRequestContextStorage
///     let channel: any Channel
///     init(source: ApplicationRequestContextSource) {
///         coreContext = .init(source: source)
///         channel = source.channel
///     }
/// }
/// ```
///
/// A context that is only a `RemoteAddressRequestContext` gives the peer address; any other
/// context gives nothing, and trusted-proxy headers are then never trusted.
public protocol MCPConnectionContext: RequestContext {
    /// The channel the request arrived on.
    var channel: any Channel { get }
}
