import Foundation

/// Which browser origins may talk to the server: used by CORS and by the
/// DNS-rebinding defence (a request with a disallowed `Origin` gets 403).
///
/// Entries are `*` (any origin), an exact origin (`https://app.example.com`), or
/// an origin with a wildcard port (`http://localhost:*`). Requests without an
/// `Origin` header (non-browser clients) always pass.
public struct OriginPolicy: Sendable, Hashable {
    /// The allowed-origin entries as configured.
    public let entries: [String]
    /// The entries parsed once, so a request only parses its own `Origin`.
    private let anyOrigin: Bool
    private let exact: Set<ParsedOrigin>
    private let anyPort: Set<HostPattern>

    private struct HostPattern: Hashable {
        var scheme: String
        var host: String
    }

    /// A policy from allowed-origin entries (`*`, `https://host[:port]`, `http://host:*`).
    public init(_ entries: [String]) {
        self.entries = entries
        anyOrigin = entries.contains("*")
        // A configured entry may carry a trailing slash (a common typo); a request's Origin may not.
        let configured = entries.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        exact = Set(configured.filter { !$0.hasSuffix(":*") }.compactMap(ParsedOrigin.init))
        anyPort = Set(configured.filter { $0.hasSuffix(":*") }.compactMap { ParsedOrigin(String($0.dropLast(2))) }.map { HostPattern(scheme: $0.scheme, host: $0.host) })
    }

    /// Any origin: the bearer token is the guard.
    public static let any = OriginPolicy(["*"])
    /// Loopback origins only, any port.
    public static let loopback = OriginPolicy(["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"])

    /// The default for a bind address: loopback origins when bound to loopback, else any.
    public static func defaultFor(host: String) -> OriginPolicy {
        isLoopback(host) ? .loopback : .any
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: ["[", "]"])
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// Whether `origin` (the `Origin` header value) is allowed. Only a serialized origin
    /// (`scheme://host[:port]`, no path, no trailing slash) or `null` (under `*`) can be:
    /// anything else is refused, never echoed.
    public func allows(_ origin: String) -> Bool {
        if anyOrigin { return origin == "null" || ParsedOrigin(origin) != nil }
        guard let parsed = ParsedOrigin(origin) else { return false }
        return exact.contains(parsed) || anyPort.contains(HostPattern(scheme: parsed.scheme, host: parsed.host))
    }
}

/// An origin split into scheme, lowercased host and explicit-or-default port.
struct ParsedOrigin: Hashable {
    var scheme: String
    var host: String
    var port: Int

    init?(_ text: String) {
        let lower = text.lowercased()
        guard let separator = lower.range(of: "://") else { return nil }
        scheme = String(lower[..<separator.lowerBound])
        guard scheme == "http" || scheme == "https" else { return nil }
        let authority = Substring(lower[separator.upperBound...])
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@"), !authority.contains("?"),
            !authority.contains("#"), !authority.contains(" ")
        else { return nil }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[...close])
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { return nil }
        if let portText {
            guard let value = Int(portText), (0...65535).contains(value) else { return nil }
            port = value
        } else {
            port = scheme == "https" ? 443 : 80
        }
    }
}
