import Foundation

/// Reads newline-terminated lines from a file descriptor on a dedicated thread,
/// so blocking `read(2)` never occupies the Swift concurrency pool. Used by the
/// stdio transports (FastMCP's server side, the stdio proxy's child side).
public enum DescriptorLineReader {
    /// What is kept of a line that was too long: its first and last bytes, so a reader
    /// can still tell which request it answered.
    public struct OversizedLine: Sendable {
        /// The first ``keptBytes`` bytes of the line.
        public var head: [UInt8]
        /// The last ``keptBytes`` bytes of the line (without its `\n`).
        public var tail: [UInt8]
        /// The line's full length in bytes.
        public var length: Int
        /// How many bytes each end keeps.
        public static let keptBytes = 4096
    }

    /// Starts reading `descriptor` until end of file or an error.
    /// - Parameters:
    ///   - descriptor: the file descriptor to read (not closed here).
    ///   - maximumLength: a longer line is dropped (up to its newline) and reported through
    ///     `tooLong` once it ends, with its first and last bytes.
    ///   - name: the reading thread's name.
    ///   - line: each line, without its `\n` (and a trailing `\r`).
    ///   - tooLong: each dropped line, with its first and last bytes and its length.
    ///   - end: called once, after the last line.
    public static func start(
        descriptor: Int32, maximumLength: Int, name: String,
        line: @escaping @Sendable ([UInt8]) -> Void, tooLong: @escaping @Sendable (OversizedLine) -> Void = { _ in },
        end: @escaping @Sendable () -> Void = {}
    ) {
        let thread = Thread {
            var pending: [UInt8] = []
            var oversized: OversizedLine?
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            func discard(_ bytes: ArraySlice<UInt8>) {
                oversized!.length += bytes.count
                oversized!.tail = Array((oversized!.tail + bytes).suffix(OversizedLine.keptBytes))
            }
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                var start = 0
                for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                    if oversized != nil {
                        discard(chunk[start..<index])
                        tooLong(oversized!)
                        oversized = nil
                    } else {
                        pending.append(contentsOf: chunk[start..<index])
                        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                        line(pending)
                    }
                    pending.removeAll(keepingCapacity: true)
                    start = index + 1
                }
                if oversized != nil {
                    discard(chunk[start..<count])
                } else {
                    pending.append(contentsOf: chunk[start..<count])
                    if pending.count > maximumLength {
                        oversized = OversizedLine(
                            head: Array(pending.prefix(OversizedLine.keptBytes)), tail: Array(pending.suffix(OversizedLine.keptBytes)),
                            length: pending.count)
                        pending.removeAll()
                    }
                }
            }
            if let oversized { tooLong(oversized) } else if !pending.isEmpty { line(pending) }
            end()
        }
        thread.name = name
        thread.start()
    }
}
