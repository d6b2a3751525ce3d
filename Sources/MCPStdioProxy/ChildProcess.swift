import Foundation
import Logging

/// One running child: its pipes, a reader thread for stdout lines, stderr to the log.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let writeQueue = DispatchQueue(label: "mcp-stdio-upstream.write")
    let lines: AsyncStream<[UInt8]>
    private let linesContinuation: AsyncStream<[UInt8]>.Continuation
    let exited: AsyncStream<Int32>
    private let exitedContinuation: AsyncStream<Int32>.Continuation

    /// Starts `configuration.command`; throws when it cannot be launched.
    init(_ configuration: StdioUpstreamConfiguration) throws {
        (lines, linesContinuation) = AsyncStream<[UInt8]>.makeStream()
        (exited, exitedContinuation) = AsyncStream<Int32>.makeStream()
        guard let first = configuration.command.first else { throw StdioUpstreamError.noCommand }
        if configuration.shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", configuration.command.joined(separator: " ")]
        } else if first.contains("/") {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(configuration.command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = configuration.command
        }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in configuration.environment { environment[key] = value }
        process.environment = environment
        if let directory = configuration.workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let exitedContinuation = self.exitedContinuation
        process.terminationHandler = { process in
            exitedContinuation.yield(process.terminationStatus)
            exitedContinuation.finish()
        }
        try process.run()
        Self.readLines(stdoutPipe.fileHandleForReading.fileDescriptor, maximum: configuration.maximumLineLength, logger: configuration.logger) {
            [linesContinuation] line in linesContinuation.yield(line)
        } done: { [linesContinuation] in linesContinuation.finish() }
        let logger = configuration.logger
        let pid = process.processIdentifier
        Self.readLines(stderrPipe.fileHandleForReading.fileDescriptor, maximum: 64 * 1024, logger: logger) { line in
            logger.info("upstream stderr", metadata: ["pid": "\(pid)", "line": .string(String(decoding: line, as: UTF8.self))])
        } done: {}
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Writes one message line to the child's stdin, in order.
    func send(_ bytes: [UInt8]) async {
        let handle = stdinPipe.fileHandleForWriting
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            writeQueue.async {
                var line = bytes
                line.append(UInt8(ascii: "\n"))
                line.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(handle.fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            break  // the child is gone; its exit is handled elsewhere
                        }
                        offset += written
                    }
                }
                done.resume()
            }
        }
    }

    /// SIGTERM, then SIGKILL after `grace` if it is still running.
    func terminate(grace: Duration = .seconds(2)) async {
        guard process.isRunning else { return }
        try? stdinPipe.fileHandleForWriting.close()
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Reads newline-terminated lines on a dedicated thread (never the concurrency pool).
    static func readLines(
        _ descriptor: Int32, maximum: Int, logger: Logger, line: @escaping @Sendable ([UInt8]) -> Void, done: @escaping @Sendable () -> Void
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
                if pending.count > maximum {
                    logger.warning("upstream wrote a line longer than \(maximum) bytes; dropped")
                    pending.removeAll()
                    discarding = true
                }
            }
            if !pending.isEmpty && !discarding { line(pending) }
            done()
        }
        thread.start()
    }
}

/// Why the upstream could not serve.
public enum StdioUpstreamError: Error, CustomStringConvertible {
    case noCommand
    case startFailed(String)

    public var description: String {
        switch self {
        case .noCommand: return "no upstream command given (put it after --)"
        case .startFailed(let reason): return "the upstream server did not start: \(reason)"
        }
    }
}
