import MCPProxy

/// 2026-07-28 requests: `_meta` envelope plus routing headers.
package enum Modern {
    package static let version = "2026-07-28"
    package static let envelope: [String: JSONValue] = [
        MetaKey.protocolVersion: .string(version),
        MetaKey.clientCapabilities: [:],
        MetaKey.clientInfo: ["name": "tests", "version": "1"],
    ]

    package static func body(_ id: Int, _ method: String, params: [String: JSONValue] = [:], meta: [String: JSONValue] = envelope) -> String {
        var params = params
        params["_meta"] = .object(meta)
        return JSONWriter.string(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)])
    }

    package static func headers(_ method: String, name: String? = nil, version: String = version) -> [(String, String)] {
        var headers = [("MCP-Protocol-Version", version), ("Mcp-Method", method)]
        if let name { headers.append(("Mcp-Name", name)) }
        return headers
    }

    /// A well-formed request: body and headers agree.
    package static func send(
        _ url: String, _ id: Int, _ method: String, params: [String: JSONValue] = [:], name: String? = nil,
        extra: [(String, String)] = []
    ) async throws -> HTTPReply {
        try await HTTP.rpc(url, body(id, method, params: params), headers: headers(method, name: name) + extra)
    }

    package static func call(_ url: String, _ id: Int, tool: String, arguments: JSONValue = [:], extra: [(String, String)] = []) async throws -> HTTPReply {
        try await send(url, id, "tools/call", params: ["name": .string(tool), "arguments": arguments], name: tool, extra: extra)
    }
}
