import CSpawn
import Foundation
import Logging
import MCPProxy
import Synchronization

/// One running child in a process group of its own, with exactly its three pipes.
///
/// Its exit is learnt from the process itself (a thread blocked in `waitpid`), never from
/// the end of its stdout: a grandchild that inherited the pipe must not hide the exit.
/// Stopping it signals the whole group, so no descendant outlives it.
final class ChildProcess: Sendable {
    /// The child's process id, which is also its process group id.
    let pid: pid_t
    let lines: AsyncStream<[UInt8]>
    /// Lines that were longer than the limit, with their ends (to find the request they answered).
    let oversized: AsyncStream<DescriptorLineReader.OversizedLine>
    private let stdinDescriptor: Int32
    /// Guards the descriptor: once closed it is never written (its number may be reused).
    private let stdinOpen = Mutex(true)
    private let writeQueue = DispatchQueue(label: "mcp-stdio-upstream.write")
    private let exit = ExitState()
    let stderr: StderrForwarder
    /// Set once the child answered `initialize`: until then, an exit is a start-up failure.
    private let started = Mutex(false)
    /// Ends the child's group if this process dies without ending it (``LifelineGuard``).
    private let lifeline: LifelineGuard?

    /// Starts `configuration.command`; throws when it cannot be launched.
    init(_ configuration: StdioUpstreamConfiguration) throws {
        guard let first = configuration.command.first else { throw StdioUpstreamError.noCommand }
        _ = Self.ignoreSIGPIPE
        let argv: [String]
        if configuration.shell {
            argv = ["/bin/sh", "-c", configuration.command.joined(separator: " ")]
        } else if first.contains("/") {
            argv = configuration.command
        } else {
            argv = ["/usr/bin/env"] + configuration.command
        }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in configuration.environment { environment[key] = value }
        let input = try Self.pipe(), output = try Self.pipe(), errors = try Self.pipe()
        var spawned: pid_t = 0
        let result = Self.withCStrings(argv) { cArguments in
            Self.withCStrings(environment.map { "\($0.key)=\($0.value)" }) { cEnvironment in
                cspawn_start(
                    argv[0], cArguments, cEnvironment, configuration.workingDirectory, input.read, output.write, errors.write, &spawned)
            }
        }
        for descriptor in [input.read, output.write, errors.write] { close(descriptor) }
        guard result == 0 else {
            for descriptor in [input.write, output.read, errors.read] { close(descriptor) }
            throw StdioUpstreamError.startFailed("cannot run \(argv[0]): \(String(cString: strerror(result)))")
        }
        pid = spawned
        stdinDescriptor = input.write
        stderr = StderrForwarder(pid: spawned, logger: configuration.logger)
        lifeline = LifelineGuard(group: spawned)
        if lifeline == nil {
            configuration.logger.warning("cannot start the guard that ends the child if this proxy is killed: /bin/sh did not start")
        }

        let (lines, linesContinuation) = AsyncStream<[UInt8]>.makeStream()
        let (oversized, oversizedContinuation) = AsyncStream<DescriptorLineReader.OversizedLine>.makeStream()
        self.lines = lines
        self.oversized = oversized
        let readDescriptor = output.read
        DescriptorLineReader.start(
            descriptor: readDescriptor, maximumLength: configuration.maximumLineLength, name: "mcp-upstream-stdout",
            line: { linesContinuation.yield($0) }, tooLong: { oversizedContinuation.yield($0) },
            end: {
                linesContinuation.finish()
                oversizedContinuation.finish()
                close(readDescriptor)
            })
        let errorDescriptor = errors.read
        let forwarder = stderr
        DescriptorLineReader.start(
            descriptor: errorDescriptor, maximumLength: StderrForwarder.maximumLineLength, name: "mcp-upstream-stderr",
            line: { forwarder.forward($0) }, tooLong: { forwarder.forward($0.head, truncatedFrom: $0.length) },
            end: {
                forwarder.finish()
                close(errorDescriptor)
            })
        let (exit, child) = (self.exit, spawned)
        let thread = Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            exit.record(ExitStatus(waitStatus: status))
        }
        thread.name = "mcp-upstream-wait"
        thread.start()
    }

    /// Whether the child answered `initialize`.
    var hasStarted: Bool { started.withLock { $0 } }

    /// Records that the child answered `initialize`.
    func markStarted() { started.withLock { $0 = true } }

    /// How the child ended, once it has.
    var exitStatus: ExitStatus? { exit.status }

    /// Whether the child has not exited yet.
    var isRunning: Bool { exit.status == nil }

    /// Waits until the child exits and returns how.
    func waitForExit() async -> ExitStatus {
        await exit.wait()
    }

    /// Writes one message line to the child's stdin, in order.
    func send(_ bytes: [UInt8]) async {
        let descriptor = stdinDescriptor
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            writeQueue.async { [self] in
                guard stdinOpen.withLock({ $0 }) else { return done.resume() }
                var line = bytes
                line.append(UInt8(ascii: "\n"))
                line.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            break  // the child is gone (EPIPE): its exit is handled elsewhere
                        }
                        offset += written
                    }
                }
                done.resume()
            }
        }
    }

    /// Ends the child and every process of its group: stdin is closed, SIGTERM goes to
    /// the group, and SIGKILL after `grace` unless the group is gone by then.
    func terminate(grace: Duration = .seconds(2)) async {
        writeQueue.sync {
            if stdinOpen.withLock({ open in defer { open = false }; return open }) { close(stdinDescriptor) }
        }
        await Self.endGroup(pid, grace: grace, leaderExited: { [exit] in exit.status != nil }, wait: { [exit] in _ = await exit.wait() })
        lifeline?.standDown()
    }

    deinit {
        if stdinOpen.withLock({ $0 }) { close(stdinDescriptor) }
        // A group already gone needs no guard; otherwise the guard ends what is left of it.
        if kill(-pid, 0) != 0 { lifeline?.standDown() }
    }

    /// SIGTERM to group `pgid`; SIGKILL to whatever of the group is left once the leader
    /// exited and the rest had until `grace` to follow.
    static func endGroup(
        _ pgid: pid_t, grace: Duration, leaderExited: @escaping @Sendable () -> Bool, wait: @escaping @Sendable () async -> Void
    ) async {
        guard kill(-pgid, SIGTERM) == 0 else { return }  // ESRCH: nobody is left
        let deadline = ContinuousClock.now + grace
        if !leaderExited() {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await wait() }
                group.addTask { try? await Task.sleep(until: deadline) }
                await group.next()
                group.cancelAll()
            }
        }
        // Descendants get the rest of the grace period, then no descendant survives.
        while kill(-pgid, 0) == 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        _ = kill(-pgid, SIGKILL)
    }

    private static let ignoreSIGPIPE: Void = cspawn_ignore_sigpipe()

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        let result = cspawn_pipe(&descriptors)
        guard result == 0 else { throw StdioUpstreamError.startFailed("cannot create a pipe: \(String(cString: strerror(result)))") }
        return (descriptors[0], descriptors[1])
    }

    /// Calls `body` with a NULL-terminated `char *[]` of `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
