import Foundation
import Logging
import Synchronization

/// Forwards a child's stderr lines to the log without letting a flood drown it: each
/// line is cut at ``maximumLineLength`` bytes, at most ``linesPerSecond`` lines are
/// logged per second, and one summary line says what was dropped. The last lines are
/// kept for start-up failure reports.
final class StderrForwarder: Sendable {
    /// Bytes of one line that reach the log.
    static let maximumLineLength = 4096
    /// Lines logged per one-second window.
    static let linesPerSecond = 50
    /// Lines kept for ``recentLines``.
    static let keptLines = 10

    private struct Window {
        var start = ContinuousClock.now
        var logged = 0
        var droppedLines = 0
        var droppedBytes = 0
        var recent: [String] = []
    }

    private let pid: pid_t
    private let logger: Logger
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let window: Mutex<Window>
    private let end = StreamEnd()

    init(pid: pid_t, logger: Logger, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.pid = pid
        self.logger = logger
        self.clock = clock
        self.window = Mutex(Window(start: clock()))
    }

    /// The last lines the child wrote (each already cut), oldest first.
    var recentLines: [String] { window.withLock { $0.recent } }

    /// Waits until the child's stderr has ended (every line it wrote is in ``recentLines``),
    /// at most `limit`; returns whether it ended.
    func waitForEnd(within limit: Duration) async -> Bool {
        await end.wait(within: limit)
    }

    /// Logs what the last window dropped (the child's stderr ended).
    func finish() {
        defer { end.record() }
        let dropped = window.withLock { window -> (lines: Int, bytes: Int)? in
            defer { (window.droppedLines, window.droppedBytes) = (0, 0) }
            return window.droppedLines > 0 ? (window.droppedLines, window.droppedBytes) : nil
        }
        if let dropped {
            logger.warning(
                "upstream stderr: \(dropped.lines) lines (\(dropped.bytes) bytes) dropped in the last second (limit \(Self.linesPerSecond) lines/s)",
                metadata: ["pid": "\(pid)"])
        }
    }

    /// One line of the child's stderr; `truncatedFrom` is its full length when the reader
    /// already dropped most of it.
    func forward(_ bytes: [UInt8], truncatedFrom length: Int? = nil) {
        let total = length ?? bytes.count
        var text = String(decoding: bytes.prefix(Self.maximumLineLength), as: UTF8.self)
        if total > Self.maximumLineLength { text += " … (\(total - Self.maximumLineLength) more bytes cut)" }
        let now = clock()
        let (log, summary) = window.withLock { window -> (Bool, (lines: Int, bytes: Int)?) in
            window.recent.append(text)
            if window.recent.count > Self.keptLines { window.recent.removeFirst() }
            var summary: (Int, Int)?
            if now - window.start >= .seconds(1) {
                if window.droppedLines > 0 { summary = (window.droppedLines, window.droppedBytes) }
                window = Window(start: now, recent: window.recent)
            }
            guard window.logged < Self.linesPerSecond else {
                window.droppedLines += 1
                window.droppedBytes += total
                return (false, summary)
            }
            window.logged += 1
            return (true, summary)
        }
        if let summary {
            logger.warning(
                "upstream stderr: \(summary.lines) lines (\(summary.bytes) bytes) dropped in the last second (limit \(Self.linesPerSecond) lines/s)",
                metadata: ["pid": "\(pid)"])
        }
        if log { logger.info("upstream stderr", metadata: ["pid": "\(pid)", "line": .string(text)]) }
    }
}
