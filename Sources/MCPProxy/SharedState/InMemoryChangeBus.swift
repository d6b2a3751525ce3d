import Synchronization

/// A ``ChangeBus`` inside one process: ``publish(_:)`` hands the message to every receiver
/// before it returns. Servers in one process that share an instance hear each other; servers
/// in different processes do not (use a shared bus, e.g. MCPPostgres's, for that).
public final class InMemoryChangeBus: ChangeBus {
    private struct State {
        var receivers: [Int: @Sendable (BusMessage) -> Void] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())
    /// Held while a message is handed out, so every receiver sees one order.
    private let delivery = Mutex(())

    /// A bus with no receivers.
    public init() {}

    /// Delivers `message` to every receiver, in subscription order; never throws.
    public func publish(_ message: BusMessage) async throws {
        deliver(message)
    }

    /// Delivers `message` at once (the synchronous form of ``publish(_:)``).
    public func deliver(_ message: BusMessage) {
        delivery.withLock { _ in
            let receivers = state.withLock { $0.receivers.sorted { $0.key < $1.key }.map(\.value) }
            for receiver in receivers { receiver(message) }
        }
    }

    /// Registers `receiver` until the subscription is cancelled or released.
    public func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription {
        let token = state.withLock { state -> Int in
            state.nextToken += 1
            state.receivers[state.nextToken] = receiver
            return state.nextToken
        }
        return ChangeBusSubscription { [weak self] in
            _ = self?.state.withLock { $0.receivers.removeValue(forKey: token) }
        }
    }

    /// The number of registered receivers.
    public var receiverCount: Int { state.withLock { $0.receivers.count } }
}
