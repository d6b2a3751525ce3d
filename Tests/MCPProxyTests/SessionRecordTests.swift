@testable import MCPProxy
import Testing

/// What a session record keeps of the client's `initialize`: bounded, since a client writes it
/// and a shared store keeps it for the session's life.
@Suite struct SessionRecordTests {
    @Test func clientInfoAndCapabilitiesAreKeptUpTo16KiB() async throws {
        let records = InMemorySessionRecordStore()
        let store = SessionStore(
            records: records, events: InMemoryStreamEventStore(), bus: InMemoryChangeBus(), logger: .init(label: "test"))
        let small: JSONValue = ["name": "client", "version": "1"]
        let huge: JSONValue = ["experimental": .string(String(repeating: "x", count: 20_000))]
        let session = try await store.create(subject: "alice", protocolVersion: "2025-06-18", clientInfo: small, clientCapabilities: huge)
        let record = try #require(try await records.record(forKey: SessionStore.key(for: session.id)))
        #expect(record.clientInfo == small)
        #expect(record.clientCapabilities == nil)
        #expect(record.subject == "alice")
        #expect(try await records.record(forKey: session.id) == nil, "records are keyed by the id's SHA-256, never the id")
    }
}
