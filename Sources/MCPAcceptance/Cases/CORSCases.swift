import Foundation
import MCPCore

/// Browser access: preflight, exposed headers, credentials.
enum CORSCases {
    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    static func preflight(_ probe: Probe) async throws -> Exchange {
        try await probe.send(
            "OPTIONS",
            headers: [
                ("Origin", probe.configuration.origin), ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "authorization, content-type, mcp-protocol-version"),
            ])
    }

    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "cors.preflight-allows-auth",
            rationale: "A browser's preflight for Authorization, Content-Type and MCP-Protocol-Version succeeds without a token.",
            reference: "Fetch Standard, CORS protocol; MCP Streamable HTTP"
        ) { probe in
            let exchange = try await preflight(probe)
            guard (200..<300).contains(exchange.status) else { return .fail(exchange.evidence("2xx to the preflight", headers: ["access-control-allow-origin"])) }
            let origin = exchange.header("access-control-allow-origin")
            guard origin == probe.configuration.origin || origin == "*" else {
                return .fail(exchange.evidence("Access-Control-Allow-Origin: \(probe.configuration.origin)", headers: ["access-control-allow-origin"]))
            }
            let allowed = list(exchange.header("access-control-allow-headers"))
            let credentials = exchange.header("access-control-allow-credentials") == "true"
            let wildcard = allowed.contains("*") && !credentials
            for needed in ["authorization", "content-type", "mcp-protocol-version"] where !wildcard && !allowed.contains(needed) {
                return .fail(exchange.evidence("\(needed) in Access-Control-Allow-Headers", headers: ["access-control-allow-headers"]))
            }
            return .pass
        },
        AcceptanceCase(
            id: "cors.expose-headers",
            rationale: "Browsers can read WWW-Authenticate (and, in the 2025 era, Mcp-Session-Id) only when they are exposed, on errors too.",
            reference: "Fetch Standard, Access-Control-Expose-Headers"
        ) { probe in
            let origin = [("Origin", probe.configuration.origin)]
            var exchanges: [Exchange] = []
            exchanges.append(try await probe.call(30, "tools/list", params: [:], token: probe.configuration.token).withOrigin(probe, origin))
            if probe.configuration.token != nil {
                let refused = try await probe.send("POST", headers: Probe.jsonHeaders + origin + (probe.prefersLegacy ? [] : [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "tools/list")]), body: Probe.request(31, "tools/list"))
                exchanges.append(refused)
            }
            var needed = ["www-authenticate"]
            if probe.speaksLegacy && probe.configuration.eras != .modern { needed.append("mcp-session-id") }
            for exchange in exchanges {
                let exposed = list(exchange.header("access-control-expose-headers"))
                let credentials = exchange.header("access-control-allow-credentials") == "true"
                for header in needed where !exposed.contains(header) && !(exposed.contains("*") && !credentials) {
                    return .fail(exchange.evidence("\(header) in Access-Control-Expose-Headers on a \(exchange.status)", headers: ["access-control-expose-headers", "access-control-allow-origin"]))
                }
            }
            return .pass
        },
        AcceptanceCase(
            id: "cors.no-wildcard-with-credentials",
            rationale: "'*' is never combined with Access-Control-Allow-Credentials: browsers then refuse the response (and Authorization).",
            reference: "Fetch Standard, CORS protocol and credentials"
        ) { probe in
            let preflight = try await preflight(probe)
            guard (200..<300).contains(preflight.status), preflight.header("access-control-allow-origin") != nil else {
                return .fail(preflight.evidence("a 2xx preflight with Access-Control-Allow-Origin to inspect", headers: ["access-control-allow-origin"]))
            }
            let origin = [("Origin", probe.configuration.origin)]
            let post = try await probe.call(32, "tools/list", params: [:], token: probe.configuration.token).withOrigin(probe, origin)
            for exchange in [preflight, post] where exchange.header("access-control-allow-credentials") == "true" {
                for name in ["access-control-allow-origin", "access-control-allow-headers", "access-control-expose-headers", "access-control-allow-methods"]
                where list(exchange.header(name)).contains("*") {
                    return .fail(exchange.evidence("no '*' in \(name) together with credentials", headers: [name, "access-control-allow-credentials"]))
                }
            }
            return .pass
        },
    ]
}

extension Exchange {
    /// Re-sends this exchange's request with `Origin` added (for CORS checks on ordinary requests).
    func withOrigin(_ probe: Probe, _ origin: [(String, String)]) async throws -> Exchange {
        try await probe.send(method, url: url, headers: requestHeaders + origin, body: requestBody)
    }
}
