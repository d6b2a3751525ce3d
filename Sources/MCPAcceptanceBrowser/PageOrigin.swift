import Foundation

/// A web origin the probe page is served from, as the browser will see it: its scheme, host
/// and port (80 or 443 when none is given).
public struct PageOrigin: Sendable, Equatable, CustomStringConvertible {
    /// Whether `text` is an origin the browser cases can serve a page from.
    public static func valid(_ text: String) -> Bool { PageOrigin(text) != nil }

    /// `http` or `https`.
    public var scheme: String
    /// The host, lowercased.
    public var host: String
    /// The port, explicit or the scheme's default.
    public var port: Int

    /// The origin of `text` (`https://app.example.com`), or `nil` when it is not an http(s)
    /// origin with a host.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host
        port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    /// Whether it is served over TLS.
    var isSecure: Bool { scheme == "https" }

    /// The origin as the browser serialises it (`Origin:`): the default port is left out.
    public var description: String {
        let defaultPort = isSecure ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(host)" : "\(scheme)://\(host):\(port)"
    }

    /// Chromium's `--host-resolver-rules` entry that sends this origin's `host:port` to `target` on loopback.
    func mappingRule(to target: Int) -> String { "MAP \(host):\(port) 127.0.0.1:\(target)" }

    /// Whether `host` is a loopback name or address, which browsers treat as potentially
    /// trustworthy: an https page may call it over plain http.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" { return true }
        // 127.0.0.0/8, written as four numbers (a name such as 127.example.com is not loopback).
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
