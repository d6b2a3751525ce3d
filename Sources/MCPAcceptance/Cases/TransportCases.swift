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
            id: "transport.reply-content-type",
            rationale: "A reply's Content-Type says how to read it: application/json for one JSON document, text/event-stream for an SSE stream carrying the reply.",
            reference: "MCP Streamable HTTP, Sending Messages to the Server; RFC 9110 §8.3"
        ) { probe in
            let exchange = try await probe.call(5, "tools/list", params: [:], token: probe.configuration.token)
            guard exchange.status == 200 else { return .fail(exchange.evidence("200 to tools/list")) }
            let contentType = exchange.header("content-type")?.lowercased() ?? ""
            let expected = "Content-Type application/json with a JSON-RPC reply as the body, or text/event-stream with the reply in its events"
            if contentType.hasPrefix("application/json") {
                // One JSON document: an SSE body labelled JSON would not parse.
                return (try? JSONParser.parse(exchange.body))?["jsonrpc"]?.stringValue == "2.0" && exchange.isJSONRPCReply
                    ? .pass : .fail(exchange.evidence(expected, headers: ["content-type"]))
            }
            if contentType.hasPrefix("text/event-stream") {
                return exchange.isJSONRPCReply ? .pass : .fail(exchange.evidence(expected, headers: ["content-type"]))
            }
            return .fail(exchange.evidence(expected, headers: ["content-type"]))
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
        AcceptanceCase(
            id: "transport.notification-202",
            rationale: "A POSTed notification (a message without an id) is accepted with 202 and no body: there is nothing to answer.",
            reference: "MCP Streamable HTTP, Sending Messages to the Server"
        ) { probe in
            let exchange = try await probe.notify("notifications/cancelled", params: ["requestId": 424_242, "reason": "acceptance: an id that was never sent"])
            guard exchange.status == 202, exchange.body.isEmpty else { return .fail(exchange.evidence("202 Accepted with an empty body")) }
            return .pass
        },
        AcceptanceCase(
            id: "transport.response-202",
            rationale: "A POSTed JSON-RPC response (a client answering the server) is accepted with 202 and no body, like a notification.",
            reference: "MCP 2025-06-18, Streamable HTTP, Sending Messages to the Server"
        ) { probe in
            // The 2026 revision has no server-to-client requests to answer.
            if let skip = ModeCases.legacyNeeded(probe) { return skip }
            let token = probe.configuration.token
            let session = try await probe.initialize(token: token).session
            let body = JSONWriter.string(["jsonrpc": "2.0", "id": "acceptance-answer", "result": [:]])
            let exchange = try await probe.legacyPost(body, token: token, session: session)
            guard exchange.status == 202, exchange.body.isEmpty else { return .fail(exchange.evidence("202 Accepted with an empty body")) }
            return .pass
        },
        AcceptanceCase(
            id: "transport.survives-cancellations",
            rationale: "Cancelling requests that do not exist, even twenty at once, changes nothing: the server keeps answering.",
            reference: "MCP Cancellation; MCP Streamable HTTP"
        ) { probe in
            let burst = try await withThrowingTaskGroup(of: Exchange.self, returning: Verdict.self) { group in
                for id in 0..<20 {
                    group.addTask { try await probe.notify("notifications/cancelled", params: ["requestId": .int(900_000 + id)]) }
                }
                for try await exchange in group where !(200..<300).contains(exchange.status) {
                    return .fail(exchange.evidence("2xx for a cancellation of an unknown request"))
                }
                return .pass
            }
            guard burst.passed else { return burst }
            let after = try await probe.call(8, "tools/list", params: [:], token: probe.configuration.token)
            return after.status == 200 && after.result?["tools"] != nil ? .pass : .fail(after.evidence("200 with \"tools\" after the cancellations"))
        },
        AcceptanceCase(
            id: "transport.progress-before-result",
            rationale: "A tool call that asks for progress (a progressToken) gets progress notifications carrying that token, then its result, on one event stream.",
            reference: "MCP Progress; MCP Streamable HTTP, Sending Messages to the Server"
        ) { probe in
            guard let tool = probe.configuration.progressTool else { return .skip(Skip("no --progress-tool given", .notSelected)) }
            let token: JSONValue = "acceptance-progress"
            let params: JSONValue = ["name": .string(tool), "arguments": probe.configuration.progressToolArguments, "_meta": ["progressToken": token]]
            let exchange = try await probe.call(60, "tools/call", params: params, name: tool, token: probe.configuration.token)
            guard exchange.status == 200, exchange.header("content-type")?.lowercased().hasPrefix("text/event-stream") == true else {
                return .fail(exchange.evidence("200 with an event stream (text/event-stream)"))
            }
            let messages = exchange.messages
            guard let last = messages.last, last["id"] == 60, last["result"] != nil else {
                return .fail(exchange.evidence("the tool's result as the stream's last message"))
            }
            let progress = messages.dropLast().filter { $0["method"] == "notifications/progress" }
            guard !progress.isEmpty, progress.allSatisfy({ $0["params"]?["progressToken"] == token }) else {
                return .fail(exchange.evidence("notifications/progress carrying progressToken \"acceptance-progress\" before the result"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "transport.same-id-isolated",
            rationale: "Clients sending the same JSON-RPC id at the same time each get their own answer: replies are never cross-wired.",
            reference: "MCP Streamable HTTP, Security Warning; CWE-362 (conformance scenario session-isolation)"
        ) { probe in
            let token = probe.configuration.token
            let other = probe.prefersLegacy ? "ping" : "server/discover"
            let verdicts = try await withThrowingTaskGroup(of: Verdict.self, returning: [Verdict].self) { group in
                for round in 0..<5 {
                    for method in ["tools/list", other] {
                        group.addTask {
                            let exchange = try await probe.call(2, method, params: [:], token: token)
                            let result = exchange.result
                            let own = method == "tools/list" ? result?["tools"] != nil : (result != nil && result?["tools"] == nil)
                            guard exchange.status == 200, exchange.reply?["id"] == 2, own else {
                                return .fail(exchange.evidence("the reply to this \(method) (id 2, round \(round)), not another client's"))
                            }
                            return .pass
                        }
                    }
                }
                var verdicts: [Verdict] = []
                for try await verdict in group { verdicts.append(verdict) }
                return verdicts
            }
            return verdicts.first { !$0.passed } ?? .pass
        },
        AcceptanceCase(
            id: "transport.protocol-version-400",
            rationale: "A request naming a protocol version the server does not support (malformed, too old or from the future) is refused with 400, not guessed at.",
            reference: "MCP 2025-06-18, Streamable HTTP, Protocol Version Header"
        ) { probe in
            if let skip = ModeCases.legacyNeeded(probe) { return skip }
            let token = probe.configuration.token
            let session = try await probe.initialize(token: token).session
            for version in ["invalid-protocol-version", "2000-01-01", "2099-01-01"] {
                var headers = Probe.jsonHeaders + probe.auth(token) + [("MCP-Protocol-Version", version)]
                if let session { headers.append(("Mcp-Session-Id", session)) }
                let exchange = try await probe.send("POST", headers: headers, body: Probe.request(7, "tools/list", [:]))
                guard exchange.status == 400 else { return .fail(exchange.evidence("400 Bad Request for MCP-Protocol-Version: \(version)")) }
            }
            return .pass
        },
        AcceptanceCase(
            id: "transport.batch-rejected",
            rationale: "A JSON array of requests (a JSON-RPC batch) is refused with a 4xx and one JSON-RPC error: since 2025-06-18 a POST carries one message.",
            reference: "MCP 2025-06-18, Streamable HTTP, Sending Messages to the Server; changelog (batching removed)"
        ) { probe in
            let token = probe.configuration.token
            let exchange: Exchange
            if probe.prefersLegacy {
                let session = try await probe.initialize(token: token).session
                var headers = Probe.jsonHeaders + probe.auth(token) + [("MCP-Protocol-Version", "2025-06-18")]
                if let session { headers.append(("Mcp-Session-Id", session)) }
                let batch = "[" + Probe.request(901, "ping", [:]) + "," + Probe.request(902, "ping", [:]) + "]"
                exchange = try await probe.send("POST", headers: headers, body: batch)
            } else {
                let meta: JSONValue = ["_meta": [MetaKey.protocolVersion: "2026-07-28", MetaKey.clientCapabilities: [:], MetaKey.clientInfo: ["name": "mcp-acceptance", "version": .string(PackageVersion.current)]]]
                let batch = "[" + Probe.request(903, "server/discover", meta) + "," + Probe.request(904, "tools/list", meta) + "]"
                let headers = Probe.jsonHeaders + probe.auth(token) + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "server/discover")]
                exchange = try await probe.send("POST", headers: headers, body: batch)
            }
            let document = try? JSONParser.parse(exchange.body)
            guard (400..<500).contains(exchange.status), document?.objectValue != nil, document?["error"]?["code"]?.intValue != nil else {
                return .fail(exchange.evidence("a 4xx whose body is one JSON-RPC error object"))
            }
            return .pass
        },
    ]
}
