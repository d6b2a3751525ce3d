import Synchronization

/// Bounds the number of requests handled at once.
final class ConcurrencyGate: Sendable {
    private let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a slot; `false` when the server is at its limit.
    func enter() -> Bool {
        let now = inFlight.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        if now > limit {
            inFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            return false
        }
        return true
    }

    /// Returns a slot.
    func leave() {
        inFlight.wrappingSubtract(1, ordering: .acquiringAndReleasing)
    }

    /// Requests in flight now.
    var current: Int { inFlight.load(ordering: .relaxed) }
}
