import Synchronization

/// Runs database work with a deadline the caller can rely on: at the deadline the caller gets
/// ``TimedOut`` at once and the work is cancelled. The caller never waits for work that does not
/// answer cancellation (a connection the server dropped without a word, say).
enum Deadline {
    /// The database did not answer in time.
    struct TimedOut: Error, CustomStringConvertible {
        let operation: String
        let limit: Duration

        var description: String { "PostgreSQL did not answer \(operation) within \(limit)" }
    }

    /// The one outcome of a run: the work's, the timer's or the caller's cancellation, whichever comes first.
    private final class Race<Value: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Value, any Error>?
            var work: Task<Void, Never>?
            var timer: Task<Void, Never>?
            var outcome: Result<Value, any Error>?
        }

        private let state = Mutex(State())

        /// Hands over the caller's continuation; resumes it at once if the race is already over.
        func begin(_ continuation: CheckedContinuation<Value, any Error>) {
            let over = state.withLock { state -> Result<Value, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.continuation = continuation
                return nil
            }
            if let over { continuation.resume(with: over) }
        }

        /// Keeps the tasks to cancel; cancels them at once if the race is already over.
        func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
            let over = state.withLock { state -> Bool in
                if state.outcome != nil { return true }
                state.work = work
                state.timer = timer
                return false
            }
            if over {
                work.cancel()
                timer.cancel()
            }
        }

        func finish(_ result: Result<Value, any Error>) {
            let settled = state.withLock { state -> State? in
                guard state.outcome == nil else { return nil }
                let settled = state
                state = State(outcome: result)
                return settled
            }
            guard let settled else { return }
            settled.timer?.cancel()
            if case .failure = result { settled.work?.cancel() }
            settled.continuation?.resume(with: result)
        }
    }

    static func run<Value: Sendable>(
        _ operation: String, within limit: Duration, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let race = Race<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                race.begin(continuation)
                let running = Task {
                    do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
                }
                let timer = Task {
                    do { try await Task.sleep(for: limit) } catch { return }
                    race.finish(.failure(TimedOut(operation: operation, limit: limit)))
                }
                race.attach(work: running, timer: timer)
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }
}
