import Foundation
import Logging
import MCPProxy
import TestSupport
import Testing

/// A shared store or bus that cannot be reached: sessions are refused with 503 and
/// `Retry-After` (never a 500, never a fallback to memory), requests that touch no session go
/// on, and a change the bus refuses is logged as an error.
@Suite struct SharedStateFailureTests {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    /// A record store whose every call fails.
    final class DownRecordStore: SessionRecordStore {
        func insert(_ record: SessionRecord, maximumPerSubject: Int) async throws -> [String] { throw Unreachable() }
        func record(forKey key: String) async throws -> SessionRecord? { throw Unreachable() }
        func touch(key: String, at date: Date) async throws -> Bool { throw Unreachable() }
        func remove(key: String) async throws -> Bool { throw Unreachable() }
        func removeSessions(lastSeenBefore cutoff: Date) async throws -> [String] { throw Unreachable() }
    }

    /// A bus that refuses every message (and so delivers none).
    final class DownBus: ChangeBus {
        func publish(_ message: BusMessage) async throws { throw Unreachable() }
        func subscribe(_ receiver: @escaping @Sendable (BusMessage) -> Void) -> ChangeBusSubscription { ChangeBusSubscription {} }
    }

    @Test func sessionRequestsGet503WithRetryAfterWhileTheRecordStoreIsDown() async throws {
        var shared = MCPSharedState.inMemory()
        shared.sessions = DownRecordStore()
        let capture = LogCapture()
        let configuration = MCPProxyConfiguration(
            stateless: false, authentication: .required(AuthProbe().authenticator), sharedState: shared)
        let server = MCPProxyServer(configuration: configuration, handler: ExampleServer.make(), logger: capture.logger)
        let running = try await TestServer.start(server)
        defer { Task { await running.stop() } }
        let alice = [HTTP.bearer("alice-token")]

        let initialize = try await HTTP.rpc(running.url, RPC.initialize, headers: alice)
        #expect(initialize.status == 503)
        #expect(initialize.header("Retry-After") == "1")
        #expect(initialize.header("Mcp-Session-Id") == nil)
        #expect(initialize.errorMessage == "Service Unavailable: the session store is unreachable")
        #expect(initialize.json?["id"] == 1)

        let list = try await HTTP.rpc(running.url, RPC.toolsList, headers: alice + [("Mcp-Session-Id", String(repeating: "a", count: 64))])
        #expect(list.status == 503)
        #expect(list.header("Retry-After") == "1")
        let delete = try await HTTP.send(.DELETE, running.url, headers: alice + [("Mcp-Session-Id", "x")])
        #expect(delete.status == 503)
        let stream = try await HTTP.send(.GET, running.url, headers: alice + [("Mcp-Session-Id", "x"), ("Accept", "text/event-stream")])
        #expect(stream.status == 503)

        // The 2026 era touches no session and goes on.
        let modern = try await Modern.send(running.url, 5, "tools/list", extra: alice)
        #expect(modern.status == 200)
        #expect(capture.details(at: .error).contains { $0.contains("session store did not answer") && $0.contains("connection refused") })
        await running.stop()
    }

    @Test func aChangeTheBusRefusesIsLoggedAndDeliverThrows() async throws {
        var shared = MCPSharedState.inMemory()
        shared.changes = DownBus()
        let capture = LogCapture()
        let configuration = MCPProxyConfiguration(stateless: true, authentication: .disabled(), sharedState: shared)
        let server = MCPProxyServer(configuration: configuration, handler: ExampleServer.make(), logger: capture.logger)
        await #expect(throws: Unreachable.self) { try await server.notifier.deliver(.toolsListChanged) }
        server.notifier.resourceUpdated(uri: "example://readme")
        // Changes are published in order: once this one failed, the one before it was tried.
        _ = try? await server.notifier.deliver(.promptsListChanged)
        let errors = capture.details(at: .error)
        #expect(errors.contains { $0.contains("a change was not published") && $0.contains("resourceUpdated(uri: \"example://readme\")") })
    }
}
