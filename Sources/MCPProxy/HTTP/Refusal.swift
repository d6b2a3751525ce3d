import HTTPTypes
import Hummingbird

/// An error reply decided before the handler runs: status, headers and a JSON-RPC error body.
struct Refusal: Error, Sendable {
    var status: HTTPResponse.Status
    var body: JSONValue
    var headers: HTTPFields

    init(status: HTTPResponse.Status, error: JSONRPCError, id: JSONRPCID? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.body = JSONRPCEncoding.error(id: id, error)
        self.headers = headers
    }

    /// A transport-level refusal (`-32000`) with a readable message.
    static func transport(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Refusal {
        Refusal(status: status, error: JSONRPCError(code: JSONRPCError.serverErrorCode, message: message), headers: headers)
    }

    var response: Response {
        ResponseFactory.json(body, status: status, headers: headers)
    }
}
