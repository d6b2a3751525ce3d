import HTTPTypes
import Hummingbird

/// The DNS-rebinding defence for `Host`: a page on `evil.example` whose name was made to
/// resolve to 127.0.0.1 sends `Host: evil.example`; a server bound to loopback refuses it.
///
/// Allowed: loopback names and addresses, the host of the configured resource URL, and
/// ``MCPProxyConfiguration/allowedHosts``. Checked on loopback binds, and on every bind
/// once `allowedHosts` is set. Two `Host` headers, or none, are a bad request everywhere.
struct HostPolicy: Sendable {
    let enforced: Bool
    let allowed: Set<String>

    init(configuration: MCPProxyConfiguration) {
        var allowed = Set(configuration.allowedHosts.map { Self.hostPart($0) })
        if let resource = configuration.protectedResource?.resource, let host = JWKSProvider.origin(of: resource)?.host {
            allowed.insert(Self.hostPart(host))
        }
        self.allowed = allowed
        enforced = LoopbackHost.contains(configuration.host) || !configuration.allowedHosts.isEmpty
    }

    /// `nil` when the request's `Host` is acceptable, else the refusal.
    func check(_ request: Request) -> Refusal? {
        guard let authority = request.head.authority, !authority.isEmpty else {
            return Refusal.transport(.badRequest, "Bad Request: the Host header is required")
        }
        if request.headers.contains(Self.hostField) {
            return Refusal.transport(.badRequest, "Bad Request: more than one Host header")
        }
        guard enforced else { return nil }
        let host = Self.hostPart(authority)
        if LoopbackHost.contains(host) || allowed.contains(host) { return nil }
        return Refusal.transport(.forbidden, "Forbidden: host not allowed")
    }

    static let hostField = HTTPField.Name("Host")!

    /// The host of `host[:port]` or `[v6]:port`, lower-cased, without brackets.
    static func hostPart(_ authority: String) -> String {
        let lower = authority.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? authority.lowercased() : authority
        let bytes = lower.utf8
        if bytes.first == UInt8(ascii: "[") {
            let start = bytes.index(after: bytes.startIndex)
            return String(lower[start..<(bytes[start...].firstIndex(of: UInt8(ascii: "]")) ?? bytes.endIndex)])
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), !bytes[bytes.index(after: colon)...].contains(UInt8(ascii: ":")) {
            return String(lower[..<colon])
        }
        return lower  // a bare IPv6 address or a plain name
    }
}
