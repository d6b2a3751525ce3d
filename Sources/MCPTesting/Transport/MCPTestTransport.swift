import HTTPTypes

/// One HTTP exchange with the endpoint, in process or over a socket.
protocol MCPTestTransport: Sendable {
    /// Sends one request to the endpoint and returns the whole reply.
    func exchange(method: HTTPRequest.Method, headers: HTTPFields, body: [UInt8]) async throws -> MCPTestReply
    /// Stops what the transport started (the live server); waits until it has stopped.
    func close() async
    /// Stops what the transport started without waiting (from `deinit`).
    func abandon()
}
