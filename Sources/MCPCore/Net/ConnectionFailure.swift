#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one wording of a failed connection, for every client this package runs (the acceptance
/// probe, the JWKS fetch): `cannot connect to HOST:PORT: connection refused` — never a socket
/// library's `connection reset (error set): Connection refused) (errno: 111)`.
public enum ConnectionFailure {
    /// The message for `errno` while connecting to the authority of `url`.
    public static func message(url: String, errno code: Int32) -> String {
        "cannot connect to \(authority(of: url)): \(reason(code))"
    }

    /// `host:port` of an absolute URL, the scheme's default port filled in (`?` when the URL has none).
    static func authority(of url: String) -> String {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return url }
        let scheme = url[..<colon].lowercased()
        var rest = url[url.index(colon, offsetBy: 3)...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let defaultPort = scheme == "https" ? "443" : scheme == "http" ? "80" : "?"
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let host = rest[...close]
            let after = rest[rest.index(after: close)...]
            return after.hasPrefix(":") && after.count > 1 ? "\(host)\(after)" : "\(host):\(defaultPort)"
        }
        if let colon = rest.lastIndex(of: ":"), rest.index(after: colon) < rest.endIndex { return String(rest) }
        return "\(rest.hasSuffix(":") ? rest.dropLast() : rest):\(defaultPort)"
    }

    /// The reason for `errno`, in lower case.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ETIMEDOUT: return "connection timed out"
        case EHOSTUNREACH: return "no route to host"
        case ENETUNREACH: return "network unreachable"
        case ECONNRESET: return "connection reset by the server"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
