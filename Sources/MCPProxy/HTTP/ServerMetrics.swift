import Metrics
import Synchronization

/// Counters and timers exported through swift-metrics (any backend the application
/// bootstraps). Metric objects are made once per label and dimensions, not per request.
final class ServerMetrics: Sendable {
    private struct Key: Hashable {
        var route: String
        var status: Int
    }

    private let counters = Mutex<[Key: Counter]>([:])
    private let timers = Mutex<[String: Timer]>([:])

    /// Routes are bucketed so a scan of random paths cannot create unbounded metric series.
    static func route(for path: String, endpoint: String) -> String {
        switch path {
        case endpoint: return "mcp"
        case "/ping", "/health", "/ready": return path
        case _ where path.hasPrefix("/.well-known"): return "metadata"
        default: return "other"
        }
    }

    func record(route: String, status: Int, duration: Duration) {
        let key = Key(route: route, status: status)
        let counter = counters.withLock { counters in
            if let existing = counters[key] { return existing }
            let made = Counter(label: "mcp_http_requests_total", dimensions: [("route", route), ("status", String(status))])
            counters[key] = made
            return made
        }
        counter.increment()
        let timer = timers.withLock { timers in
            if let existing = timers[route] { return existing }
            let made = Timer(label: "mcp_http_request_duration_seconds", dimensions: [("route", route)])
            timers[route] = made
            return made
        }
        timer.recordNanoseconds(duration.saturatingNanoseconds)
    }
}
