/// An immutable snapshot of verification keys: lookups never wait on anything.
public struct KeySet: Sendable {
    let byID: [String: VerificationKey]
    let all: [VerificationKey]
    /// Changes whenever the keys change (verified-token caches compare it).
    public let generation: Int

    /// A snapshot of `keys` (the first key with a given `kid` wins).
    public init(_ keys: [VerificationKey], generation: Int = 0) {
        var byID: [String: VerificationKey] = [:]
        for key in keys {
            if let id = key.keyID, byID[id] == nil { byID[id] = key }
        }
        self.byID = byID
        self.all = keys
        self.generation = generation
    }

    /// Whether there is no key.
    public var isEmpty: Bool { all.isEmpty }
    /// How many keys.
    public var count: Int { all.count }

    /// The outcome of looking a token's key up.
    enum Lookup {
        case keys([VerificationKey])
        /// The token names a `kid` we do not have (a refresh may help).
        case unknownKeyID(String)
        /// No key of ours is pinned to the token's algorithm.
        case noKeyForAlgorithm
    }

    /// The keys a token with `kid` and `alg` may be verified with. A `kid` selects
    /// exactly that key (never another key that has an id); without a `kid`, every key pinned
    /// to `alg`. Keys configured without an id (a PEM file, a shared secret) verify tokens
    /// whatever `kid` they name, as long as no key carries that id: an authorization server
    /// names its key, the resource server's PEM copy cannot.
    func lookup(keyID: String?, algorithm: String) -> Lookup {
        if let keyID {
            guard let key = byID[keyID] else {
                let anonymous = all.filter { $0.keyID == nil && $0.algorithm.rawValue == algorithm }
                return anonymous.isEmpty ? .unknownKeyID(keyID) : .keys(anonymous)
            }
            return key.algorithm.rawValue == algorithm ? .keys([key]) : .noKeyForAlgorithm
        }
        let matching = all.filter { $0.algorithm.rawValue == algorithm }
        return matching.isEmpty ? .noKeyForAlgorithm : .keys(matching)
    }
}
