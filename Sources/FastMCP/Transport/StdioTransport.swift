import Foundation
import MCPProxy

/// Newline-delimited JSON-RPC over a pair of file descriptors (standard input and
/// output by default). Requests are served concurrently; `notifications/cancelled`
/// cancels the named request; diagnostics never touch standard output.
///
/// Reading and writing use blocking system calls on their own threads (pipes,
/// terminals and regular files alike), never on the Swift concurrency pool.
struct StdioTransport {
    let engine: FastMCPEngine
    var input: Int32 = STDIN_FILENO
    var output: Int32 = STDOUT_FILENO
    /// The longest accepted line (one JSON-RPC message).
    var maximumLineLength = 10 * 1024 * 1024

    func run() async throws {
        let writer = DescriptorWriter(descriptor: output)
        let session = StdioSession(engine: engine, writer: writer)
        for await line in LineReader.lines(from: input, maximumLength: maximumLineLength) {
            switch line {
            case .line(let bytes): await session.receive(bytes)
            case .tooLong: await session.reject("a message was longer than \(maximumLineLength) bytes and was dropped")
            }
        }
        await session.finish()
    }
}

/// Reads newline-terminated lines from a descriptor on a dedicated thread.
enum LineReader {
    enum Item: Sendable {
        case line([UInt8])
        case tooLong
    }

    static func lines(from descriptor: Int32, maximumLength: Int) -> AsyncStream<Item> {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .unbounded)
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
                        continuation.yield(.line(pending))
                    }
                    pending.removeAll(keepingCapacity: true)
                    discarding = false
                    start = index + 1
                }
                if !discarding { pending.append(contentsOf: chunk[start..<count]) }
                if pending.count > maximumLength {
                    pending.removeAll()
                    if !discarding { continuation.yield(.tooLong) }
                    discarding = true
                }
            }
            if !pending.isEmpty && !discarding { continuation.yield(.line(pending)) }
            continuation.finish()
        }
        thread.name = "fastmcp-stdio-reader"
        thread.start()
        return stream
    }
}

/// Writes whole messages to a descriptor, one at a time, on a serial queue.
final class DescriptorWriter: Sendable {
    let descriptor: Int32
    private let queue = DispatchQueue(label: "fastmcp-stdio-writer")

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ bytes: [UInt8]) async {
        let descriptor = self.descriptor
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            break
                        }
                        offset += written
                    }
                }
                done.resume()
            }
        }
    }
}
