/// A bounded buffer of one stream's events for `Last-Event-ID` resumption: ids count up from 1,
/// the oldest events are dropped past the capacity.
struct EventRing: Sendable {
    let capacity: Int
    private(set) var events: [StoredEvent] = []
    private var head = 0
    private(set) var lastID = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Stores `payload` under the next id and returns the event.
    mutating func append(_ payload: [UInt8]) -> StoredEvent {
        lastID += 1
        let event = StoredEvent(id: lastID, payload: payload)
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
    func events(after id: Int) -> [StoredEvent]? {
        guard id >= 0, id <= lastID else { return nil }
        if id == lastID { return [] }
        let ordered = Array(events[head...] + events[..<head])
        guard let oldest = ordered.first, id >= oldest.id - 1 else { return nil }
        return ordered.filter { $0.id > id }
    }
}
