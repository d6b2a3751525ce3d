import MCPCore

/// The protocol eras: 2026-07-28 (`_meta` on every request) and the 2025 handshake.
enum EraCases {
    static func modernNeeded(_ probe: Probe) -> Verdict? {
        guard probe.configuration.eras != .legacy else { return .skip(Skip("the 2026-07-28 era is not selected (--era legacy)", .notSelected)) }
        guard probe.speaksModern else { return .skip(Skip("the server does not speak 2026-07-28 (server/discover was refused)", .modernEra)) }
        return nil
    }

    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "modern.discover",
            rationale: "server/discover tells a 2026 client the versions and capabilities, without a handshake.",
            reference: "MCP 2026-07-28, Lifecycle: server/discover"
        ) { probe in
            if let skip = modernNeeded(probe) { return skip }
            let exchange = try await probe.modernPost(40, "server/discover", token: probe.configuration.token)
            guard exchange.status == 200, let result = exchange.result else { return .fail(exchange.evidence("200 with a result")) }
            guard result["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true, result["capabilities"]?.objectValue != nil else {
                return .fail(exchange.evidence("supportedVersions with 2026-07-28 and a capabilities object"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "modern.tools-list",
            rationale: "A 2026 request stands alone: tools/list with the _meta envelope works with no session or handshake.",
            reference: "MCP 2026-07-28, per-request _meta", proves: [.stateless]
        ) { probe in
            if let skip = modernNeeded(probe) { return skip }
            let exchange = try await probe.modernPost(41, "tools/list", token: probe.configuration.token)
            guard exchange.status == 200, exchange.result?["tools"]?.arrayValue != nil else { return .fail(exchange.evidence("200 with \"tools\"")) }
            guard exchange.header("mcp-session-id") == nil else { return .fail(exchange.evidence("no Mcp-Session-Id in the 2026 era")) }
            return .pass
        },
        AcceptanceCase(
            id: "modern.header-mismatch",
            rationale: "Routing headers must agree with the body: a wrong Mcp-Method is 400 with -32020.",
            reference: "MCP 2026-07-28, Streamable HTTP routing headers"
        ) { probe in
            if let skip = modernNeeded(probe) { return skip }
            let body = JSONWriter.string([
                "jsonrpc": "2.0", "id": 42, "method": "tools/list",
                "params": ["_meta": [MetaKey.protocolVersion: "2026-07-28", MetaKey.clientCapabilities: [:]]],
            ])
            let exchange = try await probe.send(
                "POST", headers: Probe.jsonHeaders + probe.auth(probe.configuration.token) + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "prompts/list")],
                body: body)
            guard exchange.status == 400, exchange.errorCode == -32020 else { return .fail(exchange.evidence("400 with JSON-RPC error -32020")) }
            return .pass
        },
        AcceptanceCase(
            id: "legacy.initialize-then-list",
            rationale: "A 2025-era client's handshake, then tools/list (on the session when one is issued).",
            reference: "MCP 2025-06-18, Lifecycle"
        ) { probe in
            if let skip = ModeCases.legacyNeeded(probe) { return skip }
            let (initialize, session) = try await probe.initialize(token: probe.configuration.token)
            guard initialize.status == 200, initialize.result?["protocolVersion"]?.stringValue != nil else {
                return .fail(initialize.evidence("200 with an initialize result"))
            }
            let list = try await probe.legacyPost(Probe.request(43, "tools/list"), token: probe.configuration.token, session: session)
            return list.status == 200 && list.result?["tools"] != nil ? .pass : .fail(list.evidence("200 with \"tools\""))
        },
    ]
}
