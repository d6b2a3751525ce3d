import MCPCore

/// Stateless (or, when expected, stateful) behaviour in the 2025 era.
enum ModeCases {
    static func legacyNeeded(_ probe: Probe) -> Verdict? {
        guard probe.configuration.eras != .modern else { return .skip(Skip("the 2025 era is not selected (--era modern)", .notSelected)) }
        guard probe.speaksLegacy else { return .skip(Skip("the server does not speak the 2025 era (initialize was refused)", .legacyEra)) }
        return nil
    }

    static func stateless(_ id: String, _ rationale: String, _ reference: String, _ body: @escaping @Sendable (Probe) async throws -> Verdict) -> AcceptanceCase {
        AcceptanceCase(id: id, rationale: rationale, reference: reference, requiredFor: [.stateless], proves: [.stateless]) { probe in
            guard probe.configuration.expect == .stateless else { return .skip(Skip("the server is expected to be stateful (--expect stateful)", .notSelected)) }
            if let skip = legacyNeeded(probe) { return skip }
            return try await body(probe)
        }
    }

    static let all: [AcceptanceCase] = [
        stateless(
            "stateless.no-session-id", "A stateless server never issues Mcp-Session-Id, so any instance can serve the next request.",
            "MCP Streamable HTTP, Session Management"
        ) { probe in
            let (exchange, session) = try await probe.initialize(token: probe.configuration.token)
            guard exchange.status == 200 else { return .fail(exchange.evidence("200 to initialize")) }
            return session == nil ? .pass : .fail(exchange.evidence("no Mcp-Session-Id header"))
        },
        stateless(
            "stateless.client-session-ignored", "A session id sent by a client (e.g. from another instance) is ignored, not refused.",
            "MCP Streamable HTTP, Session Management"
        ) { probe in
            let exchange = try await probe.legacyPost(Probe.request(5, "tools/list"), token: probe.configuration.token, session: "not-a-session-of-this-server")
            return exchange.status == 200 && exchange.result != nil ? .pass : .fail(exchange.evidence("200 with a result"))
        },
        stateless(
            "stateless.no-initialize-needed", "Every request stands alone: tools/list works without a prior initialize.",
            "MCP Streamable HTTP, Session Management"
        ) { probe in
            let exchange = try await probe.legacyPost(Probe.request(6, "tools/list"), token: probe.configuration.token)
            return exchange.status == 200 && exchange.result?["tools"] != nil ? .pass : .fail(exchange.evidence("200 with a tools/list result"))
        },
        stateless(
            "stateless.get-405", "Without sessions there is no server→client GET stream: GET is 405.",
            "MCP Streamable HTTP, Listening for Messages from the Server"
        ) { probe in
            let exchange = try await probe.send("GET", headers: [("Accept", "text/event-stream")] + probe.auth(probe.configuration.token))
            return exchange.status == 405 ? .pass : .fail(exchange.evidence("405 Method Not Allowed", headers: ["allow"]))
        },
        AcceptanceCase(
            id: "stateful.session-issued", rationale: "A stateful server answers initialize with an Mcp-Session-Id and requires it afterwards.",
            reference: "MCP Streamable HTTP, Session Management", requiredFor: [.stateful], proves: [.stateful]
        ) { probe in
            guard probe.configuration.expect == .stateful else { return .skip(Skip("the server is expected to be stateless", .notSelected)) }
            if let skip = legacyNeeded(probe) { return skip }
            let (exchange, session) = try await probe.initialize(token: probe.configuration.token)
            guard let session, !session.isEmpty else { return .fail(exchange.evidence("an Mcp-Session-Id header")) }
            let without = try await probe.legacyPost(Probe.request(7, "tools/list"), token: probe.configuration.token)
            guard without.status == 400 else { return .fail(without.evidence("400 for a request without Mcp-Session-Id")) }
            let with = try await probe.legacyPost(Probe.request(8, "tools/list"), token: probe.configuration.token, session: session)
            return with.status == 200 ? .pass : .fail(with.evidence("200 on the session"))
        },
        AcceptanceCase(
            id: "stateful.delete-ends-session", rationale: "DELETE with the session id ends a stateful session; the ended id is then unknown (404), so a client starts afresh.",
            reference: "MCP Streamable HTTP, Session Management", requiredFor: [.stateful]
        ) { probe in
            guard probe.configuration.expect == .stateful else { return .skip(Skip("the server is expected to be stateless", .notSelected)) }
            if let skip = legacyNeeded(probe) { return skip }
            let token = probe.configuration.token
            let (initialize, session) = try await probe.initialize(token: token)
            guard let session else { return .fail(initialize.evidence("an Mcp-Session-Id header")) }
            let delete = try await probe.send(
                "DELETE", headers: probe.auth(token) + [("MCP-Protocol-Version", "2025-06-18"), ("Mcp-Session-Id", session)])
            guard (200..<300).contains(delete.status) else { return .fail(delete.evidence("2xx to DELETE with the session id")) }
            let after = try await probe.legacyPost(Probe.request(9, "tools/list"), token: token, session: session)
            return after.status == 404 ? .pass : .fail(after.evidence("404 for the ended session"))
        },
    ]
}
