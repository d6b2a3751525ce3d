import Logging
import MCPCore
import Synchronization

/// Logs a refused `Origin` or `Host` with the setting that would allow it, once per value per
/// minute: the first refusal of a value in a minute is logged (with how many of it were not
/// logged in the minute before), the rest are counted. The value is logged as a JSON string
/// (control characters escaped, cut at 200 characters); at most 1,000 values are tracked.
final class RefusalLog: Sendable {
    /// What was refused.
    enum Kind: Sendable {
        case origin
        case host
    }

    private struct Entry {
        var windowStart: ContinuousClock.Instant
        var unlogged: Int
    }

    static let window = Duration.seconds(60)
    static let trackedValues = 1000

    private let entries = Mutex<[String: Entry]>([:])
    private let logger: Logger
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(logger: Logger, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.logger = logger
        self.clock = clock
    }

    /// Notes one refusal of `value`.
    func refused(_ kind: Kind, _ value: String) {
        let now = clock()
        // Keyed and shown by the first 200 characters: a header of any size costs 200 here.
        let cut = value.prefix(201).count > 200 ? String(value.prefix(200)) + "…" : value
        let key = (kind == .origin ? "o:" : "h:") + cut
        let earlierUnlogged = entries.withLock { entries -> Int? in
            if var entry = entries[key], now - entry.windowStart < Self.window {
                entry.unlogged += 1
                entries[key] = entry
                return nil
            }
            let unlogged = entries[key]?.unlogged ?? 0
            if entries.count >= Self.trackedValues, entries[key] == nil { entries.removeAll() }
            entries[key] = Entry(windowStart: now, unlogged: 0)
            return unlogged
        }
        guard let earlierUnlogged else { return }
        let shown = JSONWriter.string(.string(cut))
        let repeats = earlierUnlogged > 0 ? " (\(earlierUnlogged) more refused in the minute before this line)" : ""
        switch kind {
        case .origin:
            logger.warning(
                "403 origin not allowed: Origin \(shown); to allow it, add it to MCPProxyConfiguration.allowedOrigins (CLI: --allow-origin; FastMCP: .httpStream(allowedOrigins:))\(repeats)")
        case .host:
            logger.warning(
                "403 host not allowed: Host \(shown); to allow it, add it to MCPProxyConfiguration.allowedHosts (CLI: --allowed-host)\(repeats)")
        }
    }
}
