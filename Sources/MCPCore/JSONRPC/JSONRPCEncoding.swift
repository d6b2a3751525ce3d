/// Builders for the JSON-RPC messages a server sends.
public enum JSONRPCEncoding {
    /// A success response.
    public static func result(id: JSONRPCID, _ result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id.json, "result": result])
    }

    /// An error response; `id` is `null` when the request id is unknown.
    public static func error(id: JSONRPCID?, _ error: JSONRPCError) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json])
    }
}
