/// The seam between the HTTP side and "an MCP server".
///
/// MCPProxy parses, authenticates and routes; an `MCPHandler` answers. The HTTP
/// side never knows which implementation it talks to: the native
/// ``NativeMCPServer``, an adapter around another SDK's server, or a child process.
public protocol MCPHandler: Sendable {
    /// Name, version, instructions and capabilities, for `server/discover` (2026-07-28)
    /// and for the list-change subscriptions MCPProxy manages.
    var serverDescription: ServerDescription { get }

    /// Answers one request with its `result`. Throw `JSONRPCError` to answer with
    /// that error; any other error becomes `-32603`. Cancellation means the client
    /// left or the deadline passed.
    func handle(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue

    /// Receives a notification. Nothing is sent back.
    func handle(_ notification: JSONRPCNotification, context: MCPRequestContext) async

    /// Called when an ``MCPProxyServer`` is made to host this handler, with the notifier that
    /// reaches that server's listening clients, so that the handler can publish changes outside
    /// any request. The default does nothing.
    func attach(notifier: ChangeNotifier)
}

extension MCPHandler {
    /// Does nothing: a handler that publishes only from requests uses `context.notifier`.
    public func attach(notifier: ChangeNotifier) {}
}
