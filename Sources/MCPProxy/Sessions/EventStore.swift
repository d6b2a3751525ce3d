/// A bounded, per-session buffer of server→client events for `Last-Event-ID` resumption.
struct EventStore: Sendable {
    struct Event: Sendable, Hashable {
        var id: Int
        var payload: [UInt8]
    }

    let capacity: Int
    private(set) var events: [Event] = []
    private var head = 0
    private(set) var lastID = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Stores `payload` under the next id and returns the event.
    mutating func append(_ payload: [UInt8]) -> Event {
        lastID += 1
        let event = Event(id: lastID, payload: payload)
        guard capacity > 0 else { return event }
        if events.count < capacity {
            events.append(event)
        } else {
            events[head] = event
            head = (head + 1) % capacity
        }
        return event
    }

    /// The events after `id`, oldest first; `nil` when `id` is unknown or already evicted.
    func events(after id: Int) -> [Event]? {
        guard id >= 0, id <= lastID else { return nil }
        let ordered = Array(events[head...] + events[..<head])
        if id == lastID { return [] }
        guard let oldest = ordered.first, id >= oldest.id - 1 else { return nil }
        return ordered.filter { $0.id > id }
    }
}
