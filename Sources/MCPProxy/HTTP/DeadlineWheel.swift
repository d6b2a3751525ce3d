import NIOCore
import NIOPosix
import Synchronization

/// Request deadlines for the whole process, checked by one repeating timer. Adding and
/// removing an entry takes a lock and touches no file descriptor, so a request that finishes
/// before its deadline costs no wake-up at all. Deadlines fire within one tick (50 ms) after
/// they pass.
final class DeadlineWheel: Sendable {
    static let shared = DeadlineWheel(tick: .milliseconds(50))

    private struct Entry {
        var deadline: ContinuousClock.Instant
        var fire: @Sendable () -> Void
    }

    private struct State {
        var next: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var ticking = false
    }

    private let state = Mutex(State())
    private let tick: Duration
    private let eventLoop: any EventLoop
    /// The time deadlines are measured in (tests move it, with an `EmbeddedEventLoop` ticking).
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(
        tick: Duration, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.tick = tick
        self.eventLoop = eventLoop
        self.clock = clock
    }

    /// Calls `fire` once, about `delay` from now, unless removed first. Returns the entry's token.
    func add(after delay: Duration, _ fire: @escaping @Sendable () -> Void) -> UInt64 {
        let deadline = clock().advanced(by: delay)
        let (token, start) = state.withLock { state -> (UInt64, Bool) in
            state.next &+= 1
            state.entries[state.next] = Entry(deadline: deadline, fire: fire)
            defer { state.ticking = true }
            return (state.next, !state.ticking)
        }
        if start { startTicking() }
        return token
    }

    /// Forgets an entry (its operation finished first).
    func remove(_ token: UInt64) {
        _ = state.withLock { $0.entries.removeValue(forKey: token) }
    }

    /// How many deadlines are pending.
    var count: Int { state.withLock { $0.entries.count } }

    private func startTicking() {
        let nanoseconds = tick.saturatingNanoseconds
        eventLoop.scheduleRepeatedTask(initialDelay: .nanoseconds(nanoseconds), delay: .nanoseconds(nanoseconds)) { [self] _ in
            fireExpired()
        }
    }

    private func fireExpired() {
        let now = clock()
        let expired = state.withLock { state -> [Entry] in
            guard !state.entries.isEmpty else { return [] }
            var due: [Entry] = []
            for (token, entry) in state.entries where entry.deadline <= now {
                due.append(entry)
                state.entries.removeValue(forKey: token)
            }
            return due
        }
        for entry in expired { entry.fire() }
    }
}
