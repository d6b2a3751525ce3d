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

    /// Equal when token and audience are; hashed on the token's length and last 32 bytes
    /// (signature bytes, which differ between tokens) rather than all of its hundreds of
    /// bytes on every request. Only verified tokens are ever stored, so a caller cannot
    /// fill the table with crafted colliding keys.
    private struct Key: Hashable {
        var token: String
        var audience: String?

        func hash(into hasher: inout Hasher) {
            var token = token
            token.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(32))))
            }
            hasher.combine(audience)
        }
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
