import Hummingbird
import NIOCore
import ServiceLifecycle
import TestSupport

/// A Hummingbird application on 127.0.0.1 with a free port: the deliberately wrong servers
/// the acceptance suite is proven against.
final class LoopbackApp: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The MCP endpoint path on it.
    var url: String { "http://127.0.0.1:\(port)/mcp" }
    var base: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    static func start(_ responder: some HTTPResponder<BasicRequestContext>) async throws -> LoopbackApp {
        try await start { onRunning in
            Application(
                responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: onRunning, logger: TestServer.quietLogger)
        }
    }

    /// Runs the application `make` builds (on 127.0.0.1, port 0, calling the given
    /// `onServerRunning`) in one service group with `services`, as an application would.
    static func start<App: ApplicationProtocol>(
        services: [any Service] = [], _ make: (@escaping @Sendable (any Channel) async -> Void) -> App
    ) async throws -> LoopbackApp {
        let ports = AsyncStream<Int>.makeStream()
        let app = make { channel in
            ports.continuation.yield(channel.localAddress?.port ?? 0)
            ports.continuation.finish()
        }
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: app)] + services.map { .init(service: $0) }, logger: TestServer.quietLogger))
        let task = Task { try await group.run() }
        var port = 0
        for await bound in ports.stream { port = bound }
        return LoopbackApp(port: port, group: group, task: task)
    }

    /// An app answering every request with `respond`.
    static func start(_ respond: @escaping @Sendable (Request) async throws -> Response) async throws -> LoopbackApp {
        try await start(ClosureResponder(respond: respond))
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    struct ClosureResponder: HTTPResponder {
        typealias Context = BasicRequestContext
        let respond: @Sendable (Request) async throws -> Response

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response { try await respond(request) }
    }
}

/// Runs `body` with a fresh app and always stops it.
func withLoopbackApp<T>(_ app: LoopbackApp, _ body: (LoopbackApp) async throws -> T) async throws -> T {
    do {
        let result = try await body(app)
        await app.stop()
        return result
    } catch {
        await app.stop()
        throw error
    }
}
