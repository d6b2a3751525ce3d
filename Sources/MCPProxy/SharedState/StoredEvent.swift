/// One server→client SSE event kept for `Last-Event-ID` resumption.
public struct StoredEvent: Sendable, Hashable {
    /// The event's id on its stream (the SSE `id:` field); ids grow along a stream.
    public var id: Int
    /// The JSON-RPC message, as sent.
    public var payload: [UInt8]

    /// An event with `id` and `payload`.
    public init(id: Int, payload: [UInt8]) {
        self.id = id
        self.payload = payload
    }
}
