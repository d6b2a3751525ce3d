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

    /// The receivers, handed messages in subscription order (the in-process bus does exactly that).
    private let receivers = InMemoryChangeBus()
    private let state = Mutex(0)

    init() {}

    /// The id of the last change delivered here.
    var lastDelivered: Int { state.withLock { $0 } }

    /// Starts from `id`: changes up to it are taken as delivered.
    func start(after id: Int) {
        state.withLock { $0 = max($0, id) }
    }

    /// Delivers the rows above the last delivered id, in id order; the lock is held while
    /// receivers run, so every receiver sees one order.
    func deliver(_ rows: [Row]) {
        state.withLock { lastDelivered in
            for row in rows.sorted(by: { $0.id < $1.id }) where row.id > lastDelivered {
                lastDelivered = row.id
                receivers.deliver(row.message)
            }
        }
    }

    /// Delivers `messages` that stand for changes no longer in the table (a replica that fell
    /// past retention), then moves the last delivered id to `id`.
    func deliverMissed(_ messages: [BusMessage], through id: Int) {
        state.withLock { lastDelivered in
            guard id > lastDelivered else { return }
            lastDelivered = id
            for message in messages { receivers.deliver(message) }
        }
    }

    func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription {
        receivers.subscribe(receiver)
    }
}
