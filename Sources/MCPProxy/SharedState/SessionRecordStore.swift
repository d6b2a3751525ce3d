import Foundation

/// Keeps the records of 2025-era stateful sessions, so that any replica can serve a session
/// another one created.
///
/// The in-process default is ``InMemorySessionRecordStore``. Every replica keeps a local cache
/// of the sessions it serves (``SessionStore``); this store is their shared truth.
public protocol SessionRecordStore: Sendable {
    /// Stores a new session. When its subject then holds more than `maximumPerSubject` sessions,
    /// the least recently seen of the others are removed to make room; their keys are returned.
    /// Sessions without a subject are not capped.
    func insert(_ record: SessionRecord, maximumPerSubject: Int) async throws -> [String]

    /// The record with `key`, or `nil` when no such session is live.
    func record(forKey key: String) async throws -> SessionRecord?

    /// Marks the session used at `date` (a later date only; an earlier one changes nothing).
    /// Returns `false` when no such session is live (it ended on some replica).
    func touch(key: String, at date: Date) async throws -> Bool

    /// Removes the session; `false` when it did not exist.
    func remove(key: String) async throws -> Bool

    /// Removes every session last seen before `cutoff` and returns their keys.
    func removeSessions(lastSeenBefore cutoff: Date) async throws -> [String]
}
