import HTTPTypes
import Hummingbird
import NIOCore

/// `/ping`, `/health` and `/ready`: never authenticated.
struct HealthRoutes: Sendable {
    let stateless: Bool
    let sessions: SessionStore
    let drain: DrainState
    /// Whether the shared state is reachable (always, without one).
    var storeReachable: @Sendable () -> Bool = { true }

    func respond(path: String, method: HTTPRequest.Method) -> Response? {
        switch path {
        case "/ping", "/health", "/ready": break
        default: return nil
        }
        guard method == .get || method == .head else {
            return ResponseFactory.json(["error": "method not allowed"], status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        switch path {
        case "/ping":
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "pong")))
        case "/health":
            return ResponseFactory.json(["status": "ok"])
        default:
            let mode: JSONValue = stateless ? "stateless" : "stateful"
            if drain.isDraining {
                return ResponseFactory.json(["status": "draining", "mode": mode, "sessions": .int(sessions.count)], status: .serviceUnavailable)
            }
            if !stateless && !storeReachable() {
                return ResponseFactory.json(
                    ["status": "store-unreachable", "mode": mode, "sessions": .int(sessions.count)], status: .serviceUnavailable,
                    headers: [.retryAfter: "1"])
            }
            return ResponseFactory.json(["status": "ready", "mode": mode, "sessions": .int(sessions.count)])
        }
    }
}
