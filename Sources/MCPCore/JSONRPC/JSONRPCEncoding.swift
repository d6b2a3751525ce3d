/// Builders for the JSON-RPC messages a server sends.
public enum JSONRPCEncoding {
    /// A success response.
    public static func result(id: JSONRPCID, _ result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id.json, "result": result])
    }

    /// The bytes of a success response, the same as `JSONWriter.bytes(result(id: id, result))`
    /// but written straight out: no envelope object is built and sorted for every reply
    /// (its members `id`, `jsonrpc`, `result` are already in key order).
    public static func resultBytes(id: JSONRPCID, _ result: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        output.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.write(id.json, into: &output)
        output.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
        JSONWriter.write(result, into: &output)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// An error response; `id` is `null` when the request id is unknown.
    public static func error(id: JSONRPCID?, _ error: JSONRPCError) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json])
    }
}
