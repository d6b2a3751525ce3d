import CSpawn
import Foundation
import Synchronization

/// A browser process in a process group of its own, its output in a file. Ending it kills the
/// whole group, so no renderer or zygote outlives the run.
final class BrowserProcess: Sendable {
    /// The process id, which is also its group's id.
    let pid: pid_t
    /// Where its standard output and error go.
    let logPath: String
    private let exit = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>], killed: Bool)>((nil, [], false))

    /// Starts `path` with `arguments` (stdin from /dev/null, output appended to `logPath`).
    init(path: String, arguments: [String], logPath: String) throws {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let output = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer {
            if input >= 0 { close(input) }
            if output >= 0 { close(output) }
        }
        guard input >= 0, output >= 0 else { throw BrowserError.cannotStart("cannot open \(logPath) or /dev/null: \(String(cString: strerror(errno)))") }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        let argv = [path] + arguments
        var spawned: pid_t = 0
        let result = Self.withCStrings(argv) { cArguments in
            Self.withCStrings(environment.map { "\($0.key)=\($0.value)" }) { cEnvironment in
                cspawn_start(path, cArguments, cEnvironment, nil, input, output, output, &spawned)
            }
        }
        guard result == 0 else { throw BrowserError.cannotStart("cannot run \(path): \(String(cString: strerror(result)))") }
        pid = spawned
        self.logPath = logPath
        let child = spawned
        let thread = Thread { [self] in
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            recordExit(status)
        }
        thread.name = "mcp-acceptance-browser-wait"
        thread.start()
    }

    private func recordExit(_ status: Int32) {
        let waiters = exit.withLock { state in
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// Whether ``kill()`` ended the process (it had not exited by itself).
    var wasKilled: Bool { exit.withLock { $0.killed } }

    /// Whether the process has exited.
    var hasExited: Bool { exit.withLock { $0.status != nil } }

    /// Waits for the process to exit; returns its wait status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = exit.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Kills every process of the group and waits for the leader.
    func kill() async {
        exit.withLock { state in if state.status == nil { state.killed = true } }
        _ = Glibc.kill(-pid, SIGKILL)
        _ = await waitForExit()
        _ = Glibc.kill(-pid, SIGKILL)  // a child that forked while the leader died
    }

    /// The last `count` lines of its output that are not Chromium's D-Bus noise.
    func outputTail(_ count: Int = 5) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("unexpected operator") }
        return lines.suffix(count).joined(separator: "\n")
    }

    /// Calls `body` with a NULL-terminated `char *[]` of `strings`.
    static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
