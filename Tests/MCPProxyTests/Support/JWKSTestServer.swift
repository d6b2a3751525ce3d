import Hummingbird
import Logging
import MCPProxy
import TestSupport
import ServiceLifecycle
import Synchronization

/// A JWKS endpoint on 127.0.0.1 whose keys and availability tests change at will.
final class JWKSTestServer: Sendable {
    private struct State {
        var keys: [JSONValue] = []
        var available = true
        var fetches = 0
    }

    private let state = Mutex(State())
    private let boundPort = Mutex(0)
    var port: Int { boundPort.withLock { $0 } }
    private let group: Mutex<ServiceGroup?> = Mutex(nil)
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)

    var url: String { "http://127.0.0.1:\(port)/jwks" }
    var fetches: Int { state.withLock { $0.fetches } }

    func publish(_ keys: [TestSigningKey]) { state.withLock { $0.keys = keys.map(\.jwk) } }
    func publishRaw(_ keys: [JSONValue]) { state.withLock { $0.keys = keys } }
    func setAvailable(_ available: Bool) { state.withLock { $0.available = available } }

    static func start(_ keys: [TestSigningKey]) async throws -> JWKSTestServer {
        let server = JWKSTestServer()
        server.publish(keys)
        let router = Router()
        router.get("/jwks") { _, _ -> Response in
            let (document, available) = server.state.withLock { state -> (JSONValue, Bool) in
                state.fetches += 1
                return (["keys": .array(state.keys)], state.available)
            }
            guard available else { return Response(status: .internalServerError) }
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=600"],
                body: .init(byteBuffer: .init(bytes: JSONWriter.bytes(document))))
        }
        let ports = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                ports.continuation.yield(channel.localAddress?.port ?? 0)
                ports.continuation.finish()
            },
            logger: TestServer.quietLogger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: TestServer.quietLogger))
        server.task.withLock { $0 = Task { try await group.run() } }
        server.group.withLock { $0 = group }
        for await port in ports.stream { server.boundPort.withLock { $0 = port } }
        return server
    }

    func stop() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
        _ = try? await task.withLock { $0 }?.value
    }
}
