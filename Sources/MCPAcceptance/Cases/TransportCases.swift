import MCPCore

/// Streamable HTTP basics.
enum TransportCases {
    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "transport.post-result",
            rationale: "A POSTed JSON-RPC request is answered with its result, as JSON or as an SSE stream.",
            reference: "MCP Streamable HTTP, Sending Messages to the Server"
        ) { probe in
            let exchange = try await probe.call(2, "tools/list", params: [:], token: probe.configuration.token)
            guard exchange.status == 200, exchange.result?["tools"]?.arrayValue != nil else {
                return .fail(exchange.evidence("200 with a JSON-RPC result carrying \"tools\""))
            }
            return .pass
        },
        AcceptanceCase(
            id: "transport.content-type-415",
            rationale: "A body that is not application/json is refused with 415, before it is parsed.",
            reference: "RFC 9110 §15.5.16; MCP Streamable HTTP"
        ) { probe in
            let exchange = try await probe.send(
                "POST", headers: [("Content-Type", "text/plain"), ("Accept", "application/json, text/event-stream")] + probe.auth(probe.configuration.token),
                body: Probe.request(3, "tools/list"))
            return exchange.status == 415 ? .pass : .fail(exchange.evidence("415 Unsupported Media Type"))
        },
        AcceptanceCase(
            id: "transport.parse-error-400",
            rationale: "Unparsable JSON is a 400 carrying a JSON-RPC -32700 parse error, never a 500 or a hang.",
            reference: "JSON-RPC 2.0 §5.1; MCP Streamable HTTP"
        ) { probe in
            var headers = Probe.jsonHeaders + probe.auth(probe.configuration.token)
            if !probe.prefersLegacy { headers += [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "tools/list")] }
            let exchange = try await probe.send("POST", headers: headers, body: "{\"jsonrpc\": \"2.0\", \"id\": 4, \"method\": ")
            guard exchange.status == 400 else { return .fail(exchange.evidence("400 Bad Request")) }
            guard exchange.errorCode == -32700 else { return .fail(exchange.evidence("a JSON-RPC error with code -32700 (parse error) in the body")) }
            return .pass
        },
    ]
}
