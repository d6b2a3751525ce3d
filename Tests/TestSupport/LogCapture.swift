import Logging
import Synchronization

/// Collects log lines (`LEVEL message`) so tests can assert the exact warnings a server writes.
package final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    private let detailed = Mutex<[String]>([])

    package init() {}

    /// A logger writing into this capture at every level.
    package var logger: Logger {
        Logger(label: "capture") { _ in Handler(capture: self) }
    }

    /// Every line so far, as `LEVEL message`.
    package var messages: [String] { lines.withLock { $0 } }

    /// The lines logged at `level`.
    package func messages(at level: Logger.Level) -> [String] {
        messages.filter { $0.hasPrefix("\(level.rawValue.uppercased()) ") }.map { String($0.drop { $0 != " " }.dropFirst()) }
    }

    /// The lines logged at `level` with their metadata: `message key=value …`, keys sorted.
    package func details(at level: Logger.Level) -> [String] {
        detailed.withLock { $0 }.filter { $0.hasPrefix("\(level.rawValue.uppercased()) ") }.map { String($0.drop { $0 != " " }.dropFirst()) }
    }

    fileprivate func append(_ line: String, metadata: Logger.Metadata) {
        lines.withLock { $0.append(line) }
        let pairs = metadata.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        detailed.withLock { $0.append(line + pairs) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.append("\(event.level.rawValue.uppercased()) \(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}
