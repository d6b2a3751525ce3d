import Foundation

/// Reads newline-terminated lines from a file descriptor on a dedicated thread,
/// so blocking `read(2)` never occupies the Swift concurrency pool. Used by the
/// stdio transports (FastMCP's server side, the stdio proxy's child side).
public enum DescriptorLineReader {
    /// Starts reading `descriptor` until end of file or an error.
    /// - Parameters:
    ///   - maximumLength: a longer line is dropped (up to its newline) and reported through `tooLong`.
    ///   - line: each line, without its `\n` (and a trailing `\r`).
    ///   - end: called once, after the last line.
    public static func start(
        descriptor: Int32, maximumLength: Int, name: String,
        line: @escaping @Sendable ([UInt8]) -> Void, tooLong: @escaping @Sendable () -> Void = {}, end: @escaping @Sendable () -> Void = {}
    ) {
        let thread = Thread {
            var pending: [UInt8] = []
            var discarding = false
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                var start = 0
                for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                    if !discarding {
                        pending.append(contentsOf: chunk[start..<index])
                        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                        line(pending)
                    }
                    pending.removeAll(keepingCapacity: true)
                    discarding = false
                    start = index + 1
                }
                if !discarding { pending.append(contentsOf: chunk[start..<count]) }
                if pending.count > maximumLength {
                    pending.removeAll()
                    if !discarding { tooLong() }
                    discarding = true
                }
            }
            if !pending.isEmpty && !discarding { line(pending) }
            end()
        }
        thread.name = name
        thread.start()
    }
}
