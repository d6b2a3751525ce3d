import HTTPTypes
import Hummingbird

/// How the client addressed us: scheme and host, believing `X-Forwarded-*` only from trusted proxies.
struct ClientAddressing {
    let trustedProxies: Set<String>

    func resolve(_ request: Request, remoteIP: String?) -> (scheme: String, host: String?) {
        var scheme = request.head.scheme ?? "http"
        var host = request.head.authority
        if let remoteIP, trustedProxies.contains(remoteIP) {
            if let proto = request.headers[.xForwardedProto]?.split(separator: ",").first?.trimmingWhitespace().lowercased(),
                proto == "http" || proto == "https"
            {
                scheme = proto
            }
            if let forwarded = request.headers[.xForwardedHost]?.split(separator: ",").first?.trimmingWhitespace(),
                !forwarded.isEmpty
            {
                host = String(forwarded)
            }
        }
        return (scheme, host)
    }
}
