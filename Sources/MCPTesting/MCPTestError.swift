import MCPCore

/// Why an ``MCPTestClient`` call did not produce the result it asked for.
public enum MCPTestError: Error, Sendable, CustomStringConvertible {
    /// The server answered with a JSON-RPC error (`status` is the HTTP status it came with).
    case rpc(code: Int, message: String, data: JSONValue?, status: Int)
    /// The reply carried no JSON-RPC response at all (e.g. a 401 challenge, a 404).
    case http(status: Int, body: String)
    /// The result did not have the shape the helper expected.
    case unexpectedResult(method: String, reason: String)
    /// The live server did not start listening.
    case serverDidNotStart

    /// One line, as a test failure shows it.
    public var description: String {
        switch self {
        case .rpc(let code, let message, let data, let status):
            return "JSON-RPC error \(code) (HTTP \(status)): \(message)" + (data.map { " data: \(JSONWriter.string($0))" } ?? "")
        case .http(let status, let body):
            return "HTTP \(status) without a JSON-RPC response: \(body.prefix(300))"
        case .unexpectedResult(let method, let reason):
            return "\(method): unexpected result: \(reason)"
        case .serverDidNotStart:
            return "the live test server did not start listening"
        }
    }
}
