import CSpawn
import Foundation

/// Ends a child's process group when the proxy dies in any way, SIGKILL included.
///
/// A small guard process (`/bin/sh`, in a process group of its own and deaf to the usual
/// termination signals) holds the read end of a pipe whose write end only this process holds
/// (close-on-exec, and no child gets more than its three descriptors). When this process
/// dies, the kernel closes the write end; the guard reads end-of-file and kills the child's
/// group. A proxy that ends the child itself first tells the guard to stand down with one line.
///
/// `PR_SET_PDEATHSIG` would not do: it fires when the *thread* that forked exits, and the
/// threads that start children come and go.
final class LifelineGuard: Sendable {
    /// The guard's process id.
    let pid: pid_t
    private let lifeline: Int32

    /// The guard's script: a line means stand down; end-of-file means the proxy is gone.
    static func script(for group: pid_t) -> String {
        "trap '' INT TERM HUP QUIT; if read -r _; then exit 0; fi; kill -KILL -\(group) 2>/dev/null; exit 0"
    }

    /// Starts a guard of process group `group`; `nil` when it cannot be started (the child
    /// then runs unguarded, as before, and the caller logs it).
    init?(group: pid_t) {
        var descriptors: [Int32] = [-1, -1]
        guard cspawn_pipe(&descriptors) == 0 else { return nil }
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard devNull >= 0 else {
            close(descriptors[0])
            close(descriptors[1])
            return nil
        }
        let arguments = ["/bin/sh", "-c", Self.script(for: group), "mcp-stdio-guard"]
        var guardPID: pid_t = 0
        let pointers = arguments.map { strdup($0) } + [nil]
        let environment = [strdup("PATH=/usr/bin:/bin"), nil]
        let result = cspawn_start("/bin/sh", pointers, environment, nil, descriptors[0], devNull, devNull, &guardPID)
        for pointer in pointers + environment { free(pointer) }
        close(descriptors[0])
        close(devNull)
        guard result == 0 else {
            close(descriptors[1])
            return nil
        }
        pid = guardPID
        lifeline = descriptors[1]
        let reaped = guardPID
        let thread = Thread {
            var status: Int32 = 0
            while waitpid(reaped, &status, 0) < 0 && errno == EINTR {}
        }
        thread.name = "mcp-stdio-guard-wait"
        thread.start()
    }

    /// The child's group is ended (or gone): the guard exits without killing anything.
    func standDown() {
        var line: UInt8 = UInt8(ascii: "\n")
        _ = write(lifeline, &line, 1)
    }

    deinit {
        // Without a stand-down line this is end-of-file: the guard ends the group's leftovers.
        close(lifeline)
    }
}
