import Synchronization

/// A bounded cache of tokens whose signature and claims were already verified.
///
/// Entries are keyed by token, expected audience and key-set generation, so a key
/// change invalidates them; `exp`/`nbf` are still checked on every hit.
final class VerifiedTokenCache: Sendable {
    struct Entry: Sendable {
        var principal: Principal
        var expires: Double
        var notBefore: Double?
    }

    private struct Key: Hashable {
        var token: String
        var audience: String?
    }

    private struct State {
        var generation = -1
        var entries: [Key: Entry] = [:]
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    func lookup(token: String, audience: String?, generation: Int) -> Entry? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard state.generation == generation else { return nil }
            return state.entries[Key(token: token, audience: audience)]
        }
    }

    func store(token: String, audience: String?, generation: Int, entry: Entry) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.generation != generation {
                state.generation = generation
                state.entries.removeAll(keepingCapacity: true)
            }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[Key(token: token, audience: audience)] = entry
        }
    }
}
