import Synchronization

/// A clock only the test moves, for the clock closures of `JWKSProvider`, `SessionStore` and
/// `DeadlineWheel`.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    /// The current instant.
    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    /// Moves the clock on by `duration`.
    func advance(by duration: Duration) { instant.withLock { $0 = $0 + duration } }
}
