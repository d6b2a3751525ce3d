import Foundation
import MCPCore

/// DNS rebinding: a server on a loopback address must refuse requests a web page elsewhere
/// could aim at it through a name that resolves to 127.0.0.1.
enum RebindingCases {
    static let foreignHost = "rebinding.attacker.example"

    /// The skip for a URL whose host is not loopback (rebinding defence is then the deployment's).
    static func loopbackNeeded(_ probe: Probe) -> Verdict? {
        let host = URLComponents(string: probe.configuration.endpoint)?.host?.lowercased() ?? ""
        guard isLoopback(host) else {
            return .skip(Skip("the URL's host \(host) is not loopback: which Host and Origin values are foreign is the deployment's to say", .notSelected))
        }
        return nil
    }

    /// A loopback host as a URL names it: `localhost`, `::1`, or an address in 127.0.0.0/8.
    static func isLoopback(_ host: String) -> Bool {
        if ["localhost", "::1", "[::1]"].contains(host) { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "security.foreign-origin-403",
            rationale: "On a loopback address, a request from a web page of another site (a foreign Origin) is refused with 403, so a browser cannot be used to reach a local server.",
            reference: "MCP Streamable HTTP, Security Warning (Origin validation); Fetch Standard, Origin"
        ) { probe in
            if let skip = loopbackNeeded(probe) { return skip }
            let origin = [("Origin", "http://\(foreignHost)")]
            let exchange = try await probe.call(50, "tools/list", params: [:], token: probe.configuration.token).withOrigin(probe, origin)
            return exchange.status == 403 ? .pass : .fail(exchange.evidence("403 Forbidden for Origin: http://\(foreignHost)", headers: ["access-control-allow-origin"]))
        },
        AcceptanceCase(
            id: "security.foreign-host-403",
            rationale: "On a loopback address, a request naming another host (a DNS name rebound to 127.0.0.1) is refused with 403.",
            reference: "MCP Streamable HTTP, Security Warning (DNS rebinding); RFC 9110 §7.2"
        ) { probe in
            if let skip = loopbackNeeded(probe) { return skip }
            let exchange = try await probe.call(51, "tools/list", params: [:], token: probe.configuration.token)
            let rebound = try await probe.send(
                exchange.method, url: exchange.url, headers: exchange.requestHeaders + [("Host", foreignHost)], body: exchange.requestBody)
            return rebound.status == 403 ? .pass : .fail(rebound.evidence("403 Forbidden for Host: \(foreignHost)"))
        },
    ]
}
