import NIOCore
import NIOPosix
import Synchronization

/// Runs an operation with a deadline. When the deadline passes, the caller gets
/// `.timedOut` at once and the operation's task is cancelled; an operation that
/// ignores cancellation keeps running on its own but is no longer waited for.
///
/// The deadline is an event-loop scheduled task that is *removed* when the operation
/// finishes first. (A cancelled `Task.sleep` leaves its timer queued until the original
/// deadline: at 60 s and thousands of requests per second that grew the heap by
/// hundreds of MiB — measured in docs/benchmarks.md.)
enum DeadlineRunner {
    enum Outcome<Value: Sendable>: Sendable {
        case finished(Result<Value, any Error>)
        case timedOut
    }

    static func run<Value: Sendable>(
        timeout: Duration, on eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        _ operation: @escaping @Sendable () async throws -> Value
    ) async -> Outcome<Value> {
        let timer = CancelSlot()
        let work = CancelSlot()
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<Value>, Never>) in
                let once = ResumeOnce(continuation)
                let task = Task {
                    let result: Result<Value, any Error>
                    do { result = .success(try await operation()) } catch { result = .failure(error) }
                    timer.cancel()
                    once.resume(.finished(result))
                }
                work.set { task.cancel() }
                let scheduled = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                    // Answer first, then cancel: a handler that stops at once on cancellation must
                    // not win the race with its CancellationError ("request cancelled").
                    once.resume(.timedOut)
                    task.cancel()
                }
                timer.set { scheduled.cancel() }
            }
        } onCancel: {
            work.cancel()
        }
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
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value) {
        let pending = continuation.withLock { slot -> CheckedContinuation<Value, Never>? in
            defer { slot = nil }
            return slot
        }
        pending?.resume(returning: value)
    }
}
