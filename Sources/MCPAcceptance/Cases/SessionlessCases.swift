import MCPCore

/// The 2026-07-28 revision has no sessions at all: what the official conformance suite's
/// sessionless scenario checks beyond ``EraCases`` — lists that do not depend on which
/// connection or what came before, and, for a server that speaks only that revision, how it
/// treats traffic left over from the session era.
enum SessionlessCases {
    /// For the checks the revision asks only of servers that speak 2026-07-28 alone (a server
    /// that also speaks 2025 follows that revision's rules for such traffic).
    static func modernOnlyNeeded(_ probe: Probe) -> Verdict? {
        if let skip = EraCases.modernNeeded(probe) { return skip }
        guard !probe.speaksLegacy else {
            return .skip(Skip("the server also speaks the 2025 era, whose rules apply to session-era traffic; the revision asks this only of 2026-only servers", .modernOnlyServer))
        }
        return nil
    }

    /// The list methods and the capability that declares each, with what names an entry.
    static let lists: [(capability: String, method: String, field: String, key: String)] = [
        ("tools", "tools/list", "tools", "name"), ("resources", "resources/list", "resources", "uri"), ("prompts", "prompts/list", "prompts", "name"),
    ]

    /// Every page of a list (up to 10), as sorted entry names; or the exchange that went wrong.
    static func collect(_ list: (capability: String, method: String, field: String, key: String), _ probe: Probe, id: Int) async throws -> Result<[String], FailedExchange> {
        var names: [String] = []
        var cursor: String?
        for page in 0..<10 {
            let exchange = try await probe.modernPost(id + page, list.method, params: cursor.map { ["cursor": .string($0)] } ?? [:], token: probe.configuration.token)
            guard exchange.status == 200, let items = exchange.result?[list.field]?.arrayValue else {
                return .failure(FailedExchange(exchange: exchange, expected: "200 with a \"\(list.field)\" array to \(list.method)"))
            }
            names += items.map { $0[list.key]?.stringValue ?? JSONWriter.string($0[list.key] ?? .null) }
            cursor = exchange.result?["nextCursor"]?.stringValue
            if cursor == nil { break }
        }
        return .success(names.sorted())
    }

    /// An exchange that did not give what a step needed.
    struct FailedExchange: Error {
        var exchange: Exchange
        var expected: String
    }

    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "modern.list-invariant",
            rationale: "Without sessions a list cannot depend on the connection or on earlier requests: the same list twice, other requests in between, is the same set.",
            reference: "MCP 2026-07-28 (SEP-2567), Streamable HTTP without sessions"
        ) { probe in
            if let skip = EraCases.modernNeeded(probe) { return skip }
            let discover = try await probe.modernPost(60, "server/discover", token: probe.configuration.token)
            guard discover.status == 200, let capabilities = discover.result?["capabilities"]?.objectValue else {
                return .fail(discover.evidence("200 with capabilities to server/discover"))
            }
            let declared = lists.filter { capabilities[$0.capability] != nil }
            guard !declared.isEmpty else { return .skip(Skip("the server declares none of tools, resources and prompts", .notSelected)) }
            for (index, list) in declared.enumerated() {
                let base = 100 + index * 40
                let first: [String]
                switch try await collect(list, probe, id: base) {
                case .failure(let failed): return .fail(failed.exchange.evidence(failed.expected))
                case .success(let names): first = names
                }
                _ = try await probe.modernPost(base + 20, "server/discover", token: probe.configuration.token)
                for other in declared where other.method != list.method {
                    _ = try await probe.modernPost(base + 21, other.method, token: probe.configuration.token)
                }
                switch try await collect(list, probe, id: base + 22) {
                case .failure(let failed): return .fail(failed.exchange.evidence(failed.expected))
                case .success(let second) where second != first:
                    let exchange = try await probe.modernPost(base + 39, list.method, token: probe.configuration.token)
                    return .fail(exchange.evidence("the same \(list.field) as the first time: [\(first.joined(separator: ", "))], then [\(second.joined(separator: ", "))]"))
                case .success: continue
                }
            }
            return .pass
        },
        AcceptanceCase(
            id: "modern.session-id-ignored",
            rationale: "A 2026-only server ignores an Mcp-Session-Id a client still sends, and never issues or echoes one.",
            reference: "MCP 2026-07-28, Streamable HTTP: earlier revisions"
        ) { probe in
            if let skip = modernOnlyNeeded(probe) { return skip }
            let plain = try await probe.modernPost(61, "server/discover", token: probe.configuration.token)
            guard plain.header("mcp-session-id") == nil else { return .fail(plain.evidence("no Mcp-Session-Id in the response", headers: ["mcp-session-id"])) }
            let stale = try await probe.modernPost(62, "server/discover", token: probe.configuration.token, extra: [("Mcp-Session-Id", "acceptance-stale-session")])
            guard stale.status == 200, stale.result != nil else { return .fail(stale.evidence("200 with a result: the session id ignored")) }
            return stale.header("mcp-session-id") == nil ? .pass : .fail(stale.evidence("no Mcp-Session-Id echoed or issued", headers: ["mcp-session-id"]))
        },
        AcceptanceCase(
            id: "modern.last-event-id-ignored",
            rationale: "A 2026-only server has no resumable streams: a Last-Event-ID a client still sends is ignored, the request served.",
            reference: "MCP 2026-07-28, Streamable HTTP: earlier revisions"
        ) { probe in
            if let skip = modernOnlyNeeded(probe) { return skip }
            let exchange = try await probe.modernPost(63, "server/discover", token: probe.configuration.token, extra: [("Last-Event-ID", "42")])
            return exchange.status == 200 && exchange.result != nil ? .pass : .fail(exchange.evidence("200 with a result: Last-Event-ID ignored"))
        },
        AcceptanceCase(
            id: "modern.get-delete-405",
            rationale: "A 2026-only server has no GET stream and no session to delete: GET and DELETE on the endpoint are 405.",
            reference: "MCP 2026-07-28, Streamable HTTP: earlier revisions"
        ) { probe in
            if let skip = modernOnlyNeeded(probe) { return skip }
            let token = probe.configuration.token
            let get = try await probe.send("GET", headers: [("Accept", "text/event-stream")] + probe.auth(token))
            guard get.status == 405 else { return .fail(get.evidence("405 Method Not Allowed to GET", headers: ["allow"])) }
            let delete = try await probe.send("DELETE", headers: probe.auth(token))
            return delete.status == 405 ? .pass : .fail(delete.evidence("405 Method Not Allowed to DELETE", headers: ["allow"]))
        },
    ]
}
