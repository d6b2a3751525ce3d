import NIOCore
import Synchronization

/// A `NIODeadline` clock only the test moves, for the body pacing of a real server
/// (`MCPProxyConfiguration.bodyPacingClock`): a loaded machine cannot make it run.
final class DeadlineClock: Sendable {
    private let instant = Mutex(NIODeadline.now())

    /// The current instant.
    @Sendable func now() -> NIODeadline { instant.withLock { $0 } }

    /// Moves the clock on by `amount`.
    func advance(by amount: TimeAmount) { instant.withLock { $0 = $0 + amount } }
}
