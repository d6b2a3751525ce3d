import Synchronization

/// Runs an operation with a deadline. When the deadline passes, the caller gets
/// `.timedOut` at once and the operation's task is cancelled; an operation that
/// ignores cancellation keeps running on its own but is no longer waited for.
enum DeadlineRunner {
    enum Outcome<Value: Sendable>: Sendable {
        case finished(Result<Value, any Error>)
        case timedOut
    }

    static func run<Value: Sendable>(
        timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async -> Outcome<Value> {
        let work = Task { try await operation() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<Value>, Never>) in
                let once = ResumeOnce(continuation)
                let timer = Task {
                    do {
                        try await Task.sleep(for: timeout)
                    } catch {
                        return
                    }
                    work.cancel()
                    once.resume(.timedOut)
                }
                Task {
                    let result = await work.result
                    timer.cancel()
                    once.resume(.finished(result))
                }
            }
        } onCancel: {
            work.cancel()
        }
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
