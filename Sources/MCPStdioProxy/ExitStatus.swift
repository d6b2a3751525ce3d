import Synchronization

/// How a child ended: its exit code, or the signal that killed it.
public struct ExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// The exit code, when it exited.
    public var code: Int32?
    /// The signal, when one killed it.
    public var signal: Int32?

    init(waitStatus status: Int32) {
        let low = status & 0x7f
        if low == 0 {
            code = (status >> 8) & 0xff
        } else {
            signal = low
        }
    }

    /// `exit code N` or `killed by signal N`.
    public var description: String {
        if let code { return "exit code \(code)" }
        return "killed by signal \(signal ?? 0)"
    }
}

/// The child's exit, recorded once by the waiting thread.
final class ExitState: Sendable {
    private let state = Mutex<(status: ExitStatus?, waiters: [CheckedContinuation<ExitStatus, Never>])>((nil, []))

    var status: ExitStatus? { state.withLock { $0.status } }

    func record(_ status: ExitStatus) {
        let waiters = state.withLock { state -> [CheckedContinuation<ExitStatus, Never>] in
            state.status = status
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    func wait() async -> ExitStatus {
        await withCheckedContinuation { continuation in
            let known = state.withLock { state -> ExitStatus? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }
}
