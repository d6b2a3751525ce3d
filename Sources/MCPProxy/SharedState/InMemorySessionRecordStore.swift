import Foundation
import Synchronization

/// A ``SessionRecordStore`` inside one process. Servers in one process that share an instance
/// serve each other's sessions.
public final class InMemorySessionRecordStore: SessionRecordStore {
    private let records = Mutex<[String: SessionRecord]>([:])

    /// An empty store.
    public init() {}

    /// Stores `record`, ending its subject's least recently seen sessions beyond the cap.
    public func insert(_ record: SessionRecord, maximumPerSubject: Int) async throws -> [String] {
        records.withLock { records in
            var evicted: [String] = []
            if let subject = record.subject {
                let owned = records.values.filter { $0.subject == subject && $0.key != record.key }
                let excess = owned.count + 1 - max(1, maximumPerSubject)
                if excess > 0 {
                    for old in owned.sorted(by: { ($0.lastSeen, $0.created) < ($1.lastSeen, $1.created) }).prefix(excess) {
                        records.removeValue(forKey: old.key)
                        evicted.append(old.key)
                    }
                }
            }
            records[record.key] = record
            return evicted
        }
    }

    /// The live record with `key`.
    public func record(forKey key: String) async throws -> SessionRecord? {
        records.withLock { $0[key] }
    }

    /// Moves `lastSeen` forward to `date`; `false` when there is no such record.
    public func touch(key: String, at date: Date) async throws -> Bool {
        records.withLock { records in
            guard let seen = records[key]?.lastSeen else { return false }
            if seen < date { records[key]?.lastSeen = date }
            return true
        }
    }

    /// Removes the record with `key`.
    public func remove(key: String) async throws -> Bool {
        records.withLock { $0.removeValue(forKey: key) != nil }
    }

    /// Removes the records last seen before `cutoff`.
    public func removeSessions(lastSeenBefore cutoff: Date) async throws -> [String] {
        records.withLock { records in
            let idle = records.values.filter { $0.lastSeen < cutoff }.map(\.key)
            for key in idle { records.removeValue(forKey: key) }
            return idle
        }
    }

    /// The number of live records.
    public var count: Int { records.withLock { $0.count } }
}
