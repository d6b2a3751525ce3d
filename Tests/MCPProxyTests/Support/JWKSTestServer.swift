import Hummingbird
import Logging
import MCPProxy
import TestSupport
import ServiceLifecycle
import Synchronization

/// A JWKS endpoint on 127.0.0.1 whose keys and availability tests change at will.
final class JWKSTestServer: Sendable {
    /// How the endpoint answers.
    enum Mode: Sendable {
        case healthy
        /// Sends the head, then one byte of the body every 200 ms, forever.
        case trickle
        /// Never sends anything.
        case stall
        /// 302 to this URL.
        case redirect(String)
    }

    private struct State {
        var keys: [JSONValue] = []
        var available = true
        var fetches = 0
        var mode = Mode.healthy
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
    func setMode(_ mode: Mode) { state.withLock { $0.mode = mode } }

    static func start(_ keys: [TestSigningKey]) async throws -> JWKSTestServer {
        let server = JWKSTestServer()
        server.publish(keys)
        let router = Router()
        let serve: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let (document, available, mode) = server.state.withLock { state -> (JSONValue, Bool, Mode) in
                state.fetches += 1
                return (["keys": .array(state.keys)], state.available, state.mode)
            }
            guard available else { return Response(status: .internalServerError) }
            switch mode {
            case .healthy: break
            case .stall:
                // Answers nothing until the test changes the mode (or stops the server).
                while case .stall = server.state.withLock({ $0.mode }) { try await Task.sleep(for: .milliseconds(20)) }
            case .redirect(let target):
                // Only /jwks redirects: /keys is where a same-origin redirect may lead.
                if request.uri.path == "/jwks" { return Response(status: .found, headers: [.location: target]) }
            case .trickle:
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody { writer in
                        while case .trickle = server.state.withLock({ $0.mode }) {
                            try await writer.write(ByteBuffer(string: " "))
                            try await Task.sleep(for: .milliseconds(200))
                        }
                        try await writer.finish(nil)
                    })
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=600"],
                body: .init(byteBuffer: .init(bytes: JSONWriter.bytes(document))))
        }
        router.get("/jwks", use: serve)
        router.get("/keys", use: serve)
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
        setMode(.healthy)  // lets stalled and trickling replies end, so shutdown can drain
        await group.withLock { $0 }?.triggerGracefulShutdown()
        _ = try? await task.withLock { $0 }?.value
    }
}
