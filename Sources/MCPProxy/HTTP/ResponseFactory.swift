import HTTPTypes
import Hummingbird
import NIOCore

/// Builders for the replies MCPProxy sends.
enum ResponseFactory {
    static let jsonContentType = "application/json"
    static let sseContentType = "text/event-stream"

    /// A JSON body with an exact `Content-Length`.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json(bytes: JSONWriter.bytes(value), status: status, headers: headers)
    }

    /// A JSON-RPC success reply (200), its envelope written without building it.
    static func rpcResult(id: JSONRPCID, _ result: JSONValue, headers: HTTPFields = [:]) -> Response {
        json(bytes: JSONRPCEncoding.resultBytes(id: id, result), headers: headers)
    }

    /// Serialised JSON as the reply body, `Content-Type: application/json`.
    private static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = jsonContentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON-RPC error reply at an HTTP status.
    static func rpcError(
        _ status: HTTPResponse.Status, _ error: JSONRPCError, id: JSONRPCID? = nil, headers: HTTPFields = [:]
    ) -> Response {
        json(JSONRPCEncoding.error(id: id, error), status: status, headers: headers)
    }

    /// A transport-level refusal (`-32000`) with a readable message.
    static func refusal(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        rpcError(status, JSONRPCError(code: JSONRPCError.serverErrorCode, message: message), headers: headers)
    }

    /// An empty reply (202 Accepted, 204 No Content).
    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers, body: ResponseBody())
    }

    /// One SSE event carrying a JSON-RPC message.
    static func sseEvent(_ payload: [UInt8], id: Int? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(payload.count + 32)
        if let id { buffer.writeString("id: \(id)\n") }
        buffer.writeString("event: message\ndata: ")
        buffer.writeBytes(payload)
        buffer.writeString("\n\n")
        return buffer
    }

    static let sseHeaders: HTTPFields = [.contentType: sseContentType, .cacheControl: "no-cache, no-transform"]
}
