import Foundation
import MCPProxy
import Synchronization

/// A server binary started for a test: its stderr read line by line (to learn the port it
/// bound and what it logged), signalled and awaited like an operator would.
package final class LaunchedServer: Sendable {
    package let process: Process
    private let lines = Mutex<[String]>([])
    private let arrivals: AsyncStream<String>
    private let exited = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

    /// Starts `executable` with `arguments` and `environment` (the test's own, minus `MCP_*`, plus these).
    package init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MCP_") }
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let (arrivals, continuation) = AsyncStream<String>.makeStream()
        self.arrivals = arrivals
        process.terminationHandler = { [self] process in
            let waiters = exited.withLock { state -> [CheckedContinuation<Int32, Never>] in
                state.status = process.terminationStatus
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: process.terminationStatus) }
        }
        try process.run()
        DescriptorLineReader.start(
            descriptor: errors.fileHandleForReading.fileDescriptor, maximumLength: 1 << 20, name: "test-server-stderr",
            line: { [self] bytes in
                let line = String(decoding: bytes, as: UTF8.self)
                lines.withLock { $0.append(line) }
                continuation.yield(line)
            },
            end: { continuation.finish() })
    }

    /// Everything written to stderr so far.
    package var stderr: [String] { lines.withLock { $0 } }

    /// Waits for a stderr line containing `text` (nil when stderr ended first).
    package func line(containing text: String) async -> String? {
        if let seen = stderr.first(where: { $0.contains(text) }) { return seen }
        for await line in arrivals where line.contains(text) { return line }
        return stderr.first(where: { $0.contains(text) })
    }

    /// The port in a `listening on http://host:PORT/...` line.
    package func listeningPort() async throws -> Int {
        guard let line = await line(containing: "listening on http://") else {
            throw TestFailure("the server never said where it listens:\n\(stderr.joined(separator: "\n"))")
        }
        let afterScheme = line.components(separatedBy: "listening on http://")[1]
        let authority = afterScheme.prefix { $0 != "/" }
        guard let port = authority.split(separator: ":").last.flatMap({ Int($0) }) else { throw TestFailure("no port in: \(line)") }
        return port
    }

    /// Sends `signal` to the process.
    package func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the exit status.
    package func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let known = exited.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }

    /// Kills the process if it still runs (cleanup after a failed expectation).
    package func stop() async {
        if process.isRunning { signal(SIGKILL) }
        _ = await waitForExit()
    }
}

/// Whether a process id names a live process (a zombie counts as gone).
package func processIsAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    guard let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
}

/// Polls `condition` every 20 ms until it holds or `limit` passes (for state outside this
/// process that sends no event, such as another process's exit); returns whether it held.
package func eventually(within limit: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
