import Synchronization

/// Runs an operation with a deadline. When the deadline passes, the caller gets
/// `.timedOut` at once and the operation's task is cancelled; an operation that
/// ignores cancellation keeps running on its own but is no longer waited for.
///
/// Deadlines are entries in one process-wide ``DeadlineWheel``, not a timer each: a
/// per-request event-loop timer cost two cross-thread wake-ups per request (schedule and
/// cancel), measured in docs/benchmarks.md. (A per-request `Task.sleep` was worse still: a
/// cancelled sleep keeps its timer queued until the original deadline, which grew the heap
/// by hundreds of MiB at 60 s deadlines.)
enum DeadlineRunner {
    enum Outcome<Value: Sendable>: Sendable {
        case finished(Result<Value, any Error>)
        case timedOut
    }

    /// Starts `operation` in a new task and calls `completion` exactly once: with its result,
    /// or with `.timedOut` as soon as the deadline passes (then the task is cancelled; answer
    /// first, so a handler that stops at once on cancellation cannot win the race with its
    /// `CancellationError`). Returns the task, to cancel it early.
    @discardableResult
    static func start<Value: Sendable>(
        timeout: Duration, wheel: DeadlineWheel = .shared, _ operation: @escaping @Sendable () async throws -> Value,
        completion: @escaping @Sendable (Outcome<Value>) -> Void
    ) -> Task<Void, Never> {
        let once = Once()
        let entry = CancelSlot()
        let task = Task {
            let result: Result<Value, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            entry.cancel()
            if once.claim() { completion(.finished(result)) }
        }
        let token = wheel.add(after: timeout) {
            if once.claim() { completion(.timedOut) }
            task.cancel()
        }
        entry.set { wheel.remove(token) }
        return task
    }
}

/// A flag that exactly one caller can claim.
final class Once: Sendable {
    private let claimed = Atomic<Bool>(false)

    /// `true` for the first caller only.
    func claim() -> Bool {
        !claimed.exchange(true, ordering: .acquiringAndReleasing)
    }
}

/// Holds a cancel action that either side of a race may fire, exactly once; an
/// action set after the slot was cancelled runs at once.
final class CancelSlot: Sendable {
    private let state = Mutex<(action: (@Sendable () -> Void)?, cancelled: Bool)>((nil, false))

    func set(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.cancelled { return true }
            state.action = action
            return false
        }
        if runNow { action() }
    }

    func cancel() {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            state.cancelled = true
            defer { state.action = nil }
            return state.action
        }
        action?()
    }
}

/// Resumes a continuation exactly once, whichever racer gets there first.
///
/// It holds an `UnsafeContinuation` behind an atomic flag: exactly-once is what this class
/// guarantees, so a checked continuation's bookkeeping buys nothing, and a lock around a
/// generic optional cost a generic-metadata lookup every time one was freed (measured in
/// docs/benchmarks.md; one of these is made for every handler run).
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: UnsafeContinuation<Value, Never>
    private let resumed = Atomic<Bool>(false)

    init(_ continuation: UnsafeContinuation<Value, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: Value) {
        guard !resumed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        continuation.resume(returning: value)
    }
}
