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
    /// Read each request's caller from `_meta["mcp-stateless/caller"]` (a child of the proxy).
    var trustForwardedIdentity = false
    /// The longest accepted line (one JSON-RPC message).
    var maximumLineLength = 10 * 1024 * 1024

    func run() async throws {
        let writer = DescriptorWriter(descriptor: output)
        let session = StdioSession(engine: engine, writer: writer, trustForwardedIdentity: trustForwardedIdentity)
        for await line in LineReader.lines(from: input, maximumLength: maximumLineLength) {
            switch line {
            case .line(let bytes): await session.receive(bytes)
            case .tooLong: await session.reject("a message was longer than \(maximumLineLength) bytes and was dropped")
            }
        }
        await session.finish()
    }
}

/// Lines of a descriptor as an async sequence (see `DescriptorLineReader`).
enum LineReader {
    enum Item: Sendable {
        case line([UInt8])
        case tooLong
    }

    static func lines(from descriptor: Int32, maximumLength: Int) -> AsyncStream<Item> {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .unbounded)
        DescriptorLineReader.start(
            descriptor: descriptor, maximumLength: maximumLength, name: "fastmcp-stdio-reader",
            line: { continuation.yield(.line($0)) }, tooLong: { _ in continuation.yield(.tooLong) }, end: { continuation.finish() })
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
