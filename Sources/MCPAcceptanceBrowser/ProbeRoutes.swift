import NIOHTTP1
import Synchronization

/// What the probe server answers, without the network: the pages registered for the run,
/// the reports they POST back (handed to whoever waits for them), and 404 for anything else.
final class ProbeRoutes: Sendable {
    private struct State {
        var pages: [String: String] = [:]
        var reports: [String: String] = [:]
        var waiters: [String: CheckedContinuation<String?, Never>] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// The largest report accepted (bigger ones are refused with 413).
    static let reportLimit = 1 << 20

    /// Serves `html` at `/page/<id>`.
    func register(page id: String, html: String) {
        state.withLock { $0.pages[id] = html }
    }

    /// Stops serving the pages `ids` and drops their reports (a visit is over).
    func forget(_ ids: [String]) {
        state.withLock { state in
            for id in ids {
                state.pages[id] = nil
                state.reports[id] = nil
            }
        }
    }

    /// The report POSTed to `/report/<id>`, once it arrives (`nil`: the waiting task was
    /// cancelled, or the server closed).
    func report(for id: String) async -> String? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> String?? in
                    if state.closed { return .some(nil) }
                    if let report = state.reports.removeValue(forKey: id) { return report }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
        }
    }

    /// Gives every waiting task `nil` and refuses to wait from now on.
    func close() {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume(returning: nil) }
    }

    /// The status, content type and body for one request.
    func answer(method: HTTPMethod, uri: String, body: String?, tooLarge: Bool) -> (HTTPResponseStatus, String, String) {
        let path = String(uri.prefix { $0 != "?" })
        if method == .GET, path.hasPrefix("/page/") {
            let id = String(path.dropFirst("/page/".count))
            guard let html = state.withLock({ $0.pages[id] }) else { return (.notFound, "text/plain", "no such page\n") }
            return (.ok, "text/html; charset=utf-8", html)
        }
        if method == .POST, path.hasPrefix("/report/") {
            if tooLarge { return (.payloadTooLarge, "text/plain", "report too large\n") }
            let id = String(path.dropFirst("/report/".count))
            let known = state.withLock { state -> (Bool, CheckedContinuation<String?, Never>?) in
                guard state.pages[id] != nil else { return (false, nil) }
                if let waiter = state.waiters.removeValue(forKey: id) { return (true, waiter) }
                state.reports[id] = body ?? ""
                return (true, nil)
            }
            guard known.0 else { return (.notFound, "text/plain", "no such page\n") }
            known.1?.resume(returning: body ?? "")
            return (.noContent, "text/plain", "")
        }
        return (.notFound, "text/plain", "not found\n")
    }
}
