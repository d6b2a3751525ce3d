/// A JSON-RPC 2.0 request: it has an id and expects an answer.
public struct JSONRPCRequest: Sendable, Hashable {
    /// The request's id, which its answer carries back.
    public var id: JSONRPCID
    /// The method called (`tools/call`).
    public var method: String
    /// The parameters, when there are any.
    public var params: JSONValue?

    /// A request.
    public init(id: JSONRPCID, method: String, params: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// `params._meta`, when present.
    public var meta: [String: JSONValue]? { params?["_meta"]?.objectValue }
}

/// A JSON-RPC 2.0 notification: no id, no answer.
public struct JSONRPCNotification: Sendable, Hashable {
    /// The method (`notifications/cancelled`).
    public var method: String
    /// The parameters, when there are any.
    public var params: JSONValue?

    /// A notification.
    public init(method: String, params: JSONValue? = nil) {
        self.method = method
        self.params = params
    }

    /// The notification in its JSON form.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { members["params"] = params }
        return .object(members)
    }
}

/// A JSON-RPC 2.0 response sent by a client (to a server-initiated request).
public struct JSONRPCClientResponse: Sendable, Hashable {
    /// The id of the server request it answers.
    public var id: JSONRPCID?
    /// The result, when it succeeded.
    public var result: JSONValue?
    /// The error, when it failed.
    public var error: JSONValue?
}

/// One classified JSON-RPC message.
public enum JSONRPCMessage: Sendable, Hashable {
    case request(JSONRPCRequest)
    case notification(JSONRPCNotification)
    case response(JSONRPCClientResponse)

    /// Classifies a parsed JSON document as a JSON-RPC 2.0 message.
    ///
    /// Batches (arrays) are refused: they were removed from MCP in 2025-06-18.
    public static func classify(_ value: JSONValue) throws(JSONRPCError) -> JSONRPCMessage {
        guard case .object(let members) = value else {
            if case .array = value {
                throw .invalidRequest("JSON-RPC batches are not supported")
            }
            throw .invalidRequest("expected a JSON-RPC object")
        }
        guard members["jsonrpc"] == .string("2.0") else {
            throw .invalidRequest("\"jsonrpc\" must be \"2.0\"")
        }
        let params = members["params"]
        if let params {
            switch params {
            case .object, .array: break
            default: throw .invalidRequest("\"params\" must be an object or an array")
            }
        }
        if let methodValue = members["method"] {
            guard case .string(let method) = methodValue, !method.isEmpty else {
                throw .invalidRequest("\"method\" must be a non-empty string")
            }
            guard let idValue = members["id"] else {
                return .notification(JSONRPCNotification(method: method, params: params))
            }
            guard let id = JSONRPCID(idValue) else {
                throw .invalidRequest("\"id\" must be a string or an integer")
            }
            return .request(JSONRPCRequest(id: id, method: method, params: params))
        }
        let hasResult = members["result"] != nil
        let hasError = members["error"] != nil
        guard hasResult != hasError, let idValue = members["id"] else {
            throw .invalidRequest("a message needs \"method\", or \"id\" with exactly one of \"result\" and \"error\"")
        }
        let id = JSONRPCID(idValue)
        if id == nil, idValue != .null {
            throw .invalidRequest("\"id\" must be a string or an integer")
        }
        return .response(JSONRPCClientResponse(id: id, result: members["result"], error: members["error"]))
    }

    /// The request id, if the message has one.
    public var requestID: JSONRPCID? {
        switch self {
        case .request(let request): return request.id
        case .response(let response): return response.id
        case .notification: return nil
        }
    }
}
