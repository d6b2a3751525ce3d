import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// A reverse proxy on 127.0.0.1 that sends each request to the next upstream in turn, as a
/// round-robin load balancer does: no stickiness, no cookies. Response bodies are streamed, so
/// an SSE stream stays open through it. It counts what each upstream served.
package final class RoundRobinProxy: Sendable {
    package let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let forwarder: Forwarder

    /// The proxy's URL for `path` (`/mcp`).
    package func url(_ path: String = "/mcp") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Requests each upstream was sent, by index.
    package var served: [Int] { forwarder.counts.withLock { $0 } }

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>, forwarder: Forwarder) {
        self.port = port
        self.group = group
        self.task = task
        self.forwarder = forwarder
    }

    /// A proxy in front of `upstreams` (`http://127.0.0.1:PORT`).
    package static func start(upstreams: [String]) async throws -> RoundRobinProxy {
        let forwarder = Forwarder(upstreams: upstreams)
        let ports = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: forwarder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                ports.continuation.yield(channel.localAddress?.port ?? 0)
                ports.continuation.finish()
            }, logger: TestServer.quietLogger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: TestServer.quietLogger))
        let task = Task { try await group.run() }
        var port = 0
        for await bound in ports.stream { port = bound }
        return RoundRobinProxy(port: port, group: group, task: task, forwarder: forwarder)
    }

    package func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    final class Forwarder: HTTPResponder, Sendable {
        typealias Context = BasicRequestContext
        let upstreams: [String]
        let counts: Mutex<[Int]>
        private let next = Mutex(0)

        init(upstreams: [String]) {
            self.upstreams = upstreams
            counts = Mutex(Array(repeating: 0, count: upstreams.count))
        }

        static let hopByHop: Set<String> = ["connection", "keep-alive", "transfer-encoding", "content-length", "host", "te", "upgrade"]

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            let index = next.withLock { value in
                defer { value = (value + 1) % upstreams.count }
                return value
            }
            counts.withLock { $0[index] += 1 }
            let body = try await request.body.collect(upTo: 4 << 20)
            var outgoing = HTTPClientRequest(url: upstreams[index] + request.uri.description)
            outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
            for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
                outgoing.headers.add(name: field.name.rawName, value: field.value)
            }
            if body.readableBytes > 0 { outgoing.body = .bytes(body) }
            let response = try await HTTP.client.execute(outgoing, timeout: .seconds(300))
            var fields = HTTPFields()
            for (name, value) in response.headers where !Self.hopByHop.contains(name.lowercased()) {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            let upstreamBody = response.body
            return Response(
                status: .init(code: Int(response.status.code)), headers: fields,
                body: ResponseBody { writer in
                    for try await chunk in upstreamBody { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
    }
}
