import Foundation
import Logging
import MCPProxy

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
        let logger = configuration.logger
        let maximum = configuration.maximumLineLength
        DescriptorLineReader.start(
            descriptor: stdoutPipe.fileHandleForReading.fileDescriptor, maximumLength: maximum, name: "mcp-upstream-stdout",
            line: { [linesContinuation] line in linesContinuation.yield(line) },
            tooLong: { logger.warning("upstream wrote a line longer than \(maximum) bytes; dropped") },
            end: { [linesContinuation] in linesContinuation.finish() })
        let pid = process.processIdentifier
        DescriptorLineReader.start(
            descriptor: stderrPipe.fileHandleForReading.fileDescriptor, maximumLength: 64 * 1024, name: "mcp-upstream-stderr",
            line: { line in logger.info("upstream stderr", metadata: ["pid": "\(pid)", "line": .string(String(decoding: line, as: UTF8.self))]) })
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
