import Metrics

/// Counters and timers exported through swift-metrics (any backend the application bootstraps).
struct ServerMetrics: Sendable {
    func record(path: String, status: Int, duration: Duration) {
        let route = path.hasPrefix("/.well-known") ? "metadata" : path
        Counter(label: "mcp_http_requests_total", dimensions: [("route", route), ("status", String(status))]).increment()
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Timer(label: "mcp_http_request_duration_seconds", dimensions: [("route", route)]).recordNanoseconds(nanoseconds)
    }

    func sessions(_ count: Int) {
        Gauge(label: "mcp_sessions").record(count)
    }
}
