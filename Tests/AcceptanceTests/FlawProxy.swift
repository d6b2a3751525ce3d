import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCPCore
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import TestSupport

/// A deliberately wrong server: a reverse proxy in front of a correct one that
/// breaks exactly one rule, to prove the acceptance cases can fail.
final class FlawProxy: Sendable {
    enum Flaw: Sendable {
        /// `Access-Control-Allow-Origin: *` and `Allow-Headers: *` together with credentials.
        case wildcardCORSWithCredentials
        /// Checks the token only on `initialize`: every other request is let through as `validToken`.
        case authenticatesOnlyAtInitialize(validToken: String)
        /// Challenges without `resource_metadata`.
        case noResourceMetadata
    }

    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var url: String { "http://127.0.0.1:\(port)/mcp" }

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    static func start(upstream: String, flaw: Flaw) async throws -> FlawProxy {
        let responder = Forwarder(upstream: upstream, flaw: flaw)
        let ports = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                ports.continuation.yield(channel.localAddress?.port ?? 0)
                ports.continuation.finish()
            },
            logger: TestServer.quietLogger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: TestServer.quietLogger))
        let task = Task { try await group.run() }
        var port = 0
        for await bound in ports.stream { port = bound }
        return FlawProxy(port: port, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    struct Forwarder: HTTPResponder {
        typealias Context = BasicRequestContext
        let upstream: String
        let flaw: Flaw

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            var outgoing = HTTPClientRequest(url: upstream + request.uri.description)
            outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
            for field in request.headers { outgoing.headers.add(name: field.name.rawName, value: field.value) }
            if case .authenticatesOnlyAtInitialize(let token) = flaw {
                let method = (try? JSONParser.parse(body.readableBytesView))?["method"]?.stringValue
                if method != "initialize", request.method != .options {
                    outgoing.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
                }
            }
            if body.readableBytes > 0 { outgoing.body = .bytes(body) }
            let response = try await HTTP.client.execute(outgoing, timeout: .seconds(30))
            let responseBody = try await response.body.collect(upTo: 4 << 20)
            var fields = HTTPFields()
            for (name, value) in response.headers where !["content-length", "transfer-encoding", "connection"].contains(name.lowercased()) {
                fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
            }
            switch flaw {
            case .wildcardCORSWithCredentials:
                if fields[HTTPField.Name("Access-Control-Allow-Origin")!] != nil || request.method == .options {
                    fields[HTTPField.Name("Access-Control-Allow-Origin")!] = "*"
                    fields[HTTPField.Name("Access-Control-Allow-Credentials")!] = "true"
                    if request.method == .options { fields[HTTPField.Name("Access-Control-Allow-Headers")!] = "*" }
                }
            case .noResourceMetadata:
                if let challenge = fields[.wwwAuthenticate] {
                    fields[.wwwAuthenticate] = Self.strippingResourceMetadata(challenge)
                }
            case .authenticatesOnlyAtInitialize:
                break
            }
            return Response(status: .init(code: Int(response.status.code)), headers: fields, body: .init(byteBuffer: responseBody))
        }

        static func strippingResourceMetadata(_ challenge: String) -> String {
            let parts = challenge.dropFirst("Bearer".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let kept = parts.filter { !$0.hasPrefix("resource_metadata=") && !$0.isEmpty }
            return kept.isEmpty ? "Bearer" : "Bearer " + kept.joined(separator: ", ")
        }
    }
}
