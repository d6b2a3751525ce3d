import HTTPTypes
import MCPCore

/// One HTTP exchange with the server: the status, headers and body, and the JSON-RPC
/// messages in the body (one JSON document, or the events of an SSE reply).
public struct MCPTestReply: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The response headers.
    public var headers: HTTPFields
    /// The body as text.
    public var body: String
    /// Every JSON-RPC message in the body, in order.
    public var messages: [JSONValue]

    /// Creates a reply from what the transport received.
    public init(status: Int, headers: HTTPFields, body: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.messages = EventStreamMessages.parse(body, isEventStream: EventStreamMessages.isEventStream(contentType: headers[.contentType]))
    }

    /// A response header by name (any case).
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The JSON-RPC response (the message with `result` or `error`), if any.
    public var response: JSONValue? { messages.last { $0["result"] != nil || $0["error"] != nil } }

    /// The response's `result`, if it succeeded.
    public var result: JSONValue? { response?["result"] }

    /// The notifications sent before the response (progress, log messages), in order.
    public var notifications: [JSONValue] { messages.filter { $0["method"] != nil && $0["id"] == nil } }

    /// The result, or the error the reply carries instead.
    public func requireResult() throws(MCPTestError) -> JSONValue {
        if let result { return result }
        if let error = response?["error"] {
            throw .rpc(
                code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? "", data: error["data"], status: status)
        }
        throw .http(status: status, body: body)
    }
}
