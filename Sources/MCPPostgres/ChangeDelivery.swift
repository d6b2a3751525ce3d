import MCPProxy
import Synchronization

/// This replica's receivers, and the id of the last change handed to them: every range of
/// rows read from the table, by a publisher at commit or by the listener, passes through here,
/// and only ids above the last are delivered — in order, once.
final class ChangeDelivery: Sendable {
    /// A change read from the table.
    struct Row: Sendable {
        var id: Int
        var message: BusMessage
    }

    private struct State {
        var receivers: [Int: @Sendable (BusMessage) -> Void] = [:]
        var nextToken = 0
        var lastDelivered = 0
    }

    private let state = Mutex(State())

    init() {}

    /// The id of the last change delivered here.
    var lastDelivered: Int { state.withLock { $0.lastDelivered } }

    /// Starts from `id`: changes up to it are taken as delivered.
    func start(after id: Int) {
        state.withLock { $0.lastDelivered = max($0.lastDelivered, id) }
    }

    /// Delivers the rows above the last delivered id, in id order; the lock is held while
    /// receivers run, so every receiver sees one order.
    func deliver(_ rows: [Row]) {
        state.withLock { state in
            for row in rows.sorted(by: { $0.id < $1.id }) where row.id > state.lastDelivered {
                state.lastDelivered = row.id
                for (_, receiver) in state.receivers.sorted(by: { $0.key < $1.key }) { receiver(row.message) }
            }
        }
    }

    /// Delivers `messages` that stand for changes no longer in the table (a replica that fell
    /// past retention), then moves the last delivered id to `id`.
    func deliverMissed(_ messages: [BusMessage], through id: Int) {
        state.withLock { state in
            guard id > state.lastDelivered else { return }
            state.lastDelivered = id
            for message in messages {
                for (_, receiver) in state.receivers.sorted(by: { $0.key < $1.key }) { receiver(message) }
            }
        }
    }

    func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription {
        let token = state.withLock { state -> Int in
            state.nextToken += 1
            state.receivers[state.nextToken] = receiver
            return state.nextToken
        }
        return ChangeBusSubscription { [weak self] in
            _ = self?.state.withLock { $0.receivers.removeValue(forKey: token) }
        }
    }
}
