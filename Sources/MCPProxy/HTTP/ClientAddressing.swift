import HTTPTypes
import Hummingbird

/// How the client addressed us: scheme and host, believing `X-Forwarded-*` only from trusted proxies.
struct ClientAddressing {
    let trustedProxies: Set<String>

    /// The scheme and host; `remoteIP` is read only when there are trusted proxies to match it against.
    func resolve(_ request: Request, remoteIP: @autoclosure () -> String?) -> (scheme: String, host: String?) {
        var scheme = request.head.scheme ?? "http"
        var host = request.head.authority
        if !trustedProxies.isEmpty, let remoteIP = remoteIP(), trustedProxies.contains(remoteIP) {
            if let proto = request.headers.value(.xForwardedProto)?.split(separator: ",").first?.trimmingWhitespace().lowercased(),
                proto == "http" || proto == "https"
            {
                scheme = proto
            }
            if let forwarded = request.headers.value(.xForwardedHost)?.split(separator: ",").first?.trimmingWhitespace(),
                !forwarded.isEmpty
            {
                host = String(forwarded)
            }
        }
        return (scheme, host)
    }
}
