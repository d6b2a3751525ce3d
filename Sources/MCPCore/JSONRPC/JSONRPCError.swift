/// A JSON-RPC error object. Throw it from a handler to answer with that error.
public struct JSONRPCError: Error, Sendable, Hashable {
    /// The error code (JSON-RPC's, or MCP's in the -32000 range).
    public var code: Int
    /// A short description, for a person.
    public var message: String
    /// Anything else the error carries.
    public var data: JSONValue?

    /// An error with `code`, `message` and optional `data`.
    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The error in its JSON form.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["code": .int(code), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }

    /// -32700: the body is not JSON.
    public static let parseErrorCode = -32700
    /// -32600: JSON, but not a JSON-RPC request.
    public static let invalidRequestCode = -32600
    /// -32601: no such method.
    public static let methodNotFoundCode = -32601
    /// -32602: the params do not fit the method.
    public static let invalidParamsCode = -32602
    /// -32603: the server failed.
    public static let internalErrorCode = -32603
    /// Transport-level refusals (authentication, origin, method, size, media type).
    public static let serverErrorCode = -32000
    /// The `Mcp-Session-Id` names no live session.
    public static let sessionNotFoundCode = -32001
    /// A resource that does not exist.
    public static let resourceNotFoundCode = -32002

    /// A parse error naming what was wrong.
    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: parseErrorCode, message: "Parse error: \(detail)")
    }
    /// An invalid-request error naming what was wrong.
    public static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: invalidRequestCode, message: "Invalid Request: \(detail)")
    }
    /// A method-not-found error naming the method.
    public static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(code: methodNotFoundCode, message: "Method not found: \(method)")
    }
    /// An invalid-params error naming what was wrong.
    public static func invalidParams(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: invalidParamsCode, message: "Invalid params: \(detail)")
    }
    /// An internal error with `detail` as its message.
    public static func internalError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: internalErrorCode, message: detail)
    }
    /// The error a client receives when its handler passed the request deadline.
    public static let requestTimedOut = JSONRPCError(code: internalErrorCode, message: "request timed out")
}

extension JSONRPCError {
    /// 2026-07-28: a routing header is missing or disagrees with the body.
    public static let headerMismatchCode = -32020
    /// 2026-07-28: the request needs a client capability its `_meta` does not declare.
    public static let missingClientCapabilityCode = -32021
    /// 2026-07-28: the requested protocol version is not served.
    public static let unsupportedProtocolVersionCode = -32022

    /// A routing-header mismatch.
    public static func headerMismatch(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: headerMismatchCode, message: "Header mismatch: \(detail)")
    }

    /// The request needs `capability` from the client.
    public static func missingClientCapability(_ capability: String) -> JSONRPCError {
        JSONRPCError(
            code: missingClientCapabilityCode, message: "Missing required client capability: \(capability)",
            data: ["requiredCapabilities": [.string(capability)]])
    }

    /// An unsupported version, naming what is served.
    public static func unsupportedProtocolVersion(_ requested: JSONValue, supported: [String]) -> JSONRPCError {
        JSONRPCError(
            code: unsupportedProtocolVersionCode, message: "Unsupported protocol version",
            data: ["supported": .array(supported.map(JSONValue.string)), "requested": requested])
    }
}
