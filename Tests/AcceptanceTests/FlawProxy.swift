import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCPCore
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import TestSupport

/// A deliberately wrong server: a reverse proxy in front of a correct one that
/// breaks exactly one rule, to prove the acceptance cases can fail.
enum FlawProxy {
    enum Flaw: Sendable {
        /// `Access-Control-Allow-Origin: *` and `Allow-Headers: *` together with credentials.
        case wildcardCORSWithCredentials
        /// Checks the token only on `initialize`: every other request is let through as `validToken`.
        case authenticatesOnlyAtInitialize(validToken: String)
        /// Challenges without `resource_metadata`.
        case noResourceMetadata
        /// Protected-resource metadata with `"authorization_servers": []`.
        case emptyAuthorizationServers
        /// Every preflight (`OPTIONS`) is answered 405.
        case preflightRefused
        /// A 400 for unparsable JSON whose body is not a JSON-RPC error.
        case parseErrorWithoutCode
        /// `GET` is answered 200 with an SSE stream that never ends; a `text/plain` POST is
        /// answered 415 with a body that trickles a byte at a time and never ends.
        case hangs
        /// `initialize` is answered 401 with a Bearer challenge whatever the token.
        case refusesInitialize
        /// Forwards requests whatever `Host` they name (otherwise the proxy, like a careful
        /// reverse proxy, refuses a non-loopback `Host` with 403).
        case ignoresForeignHost
        /// Rewrites any `MCP-Protocol-Version` to 2025-06-18, so unsupported versions are served.
        case acceptsAnyProtocolVersion
        /// Answers a JSON array body with 200 and an array of empty results.
        case acceptsBatches
        /// A 401 whose body is plain text.
        case plainTextUnauthorized
        /// A 401 whose challenge has an unterminated quoted string.
        case unparsableChallenge
        /// A 403 without its `WWW-Authenticate` step-up challenge.
        case scopeRefusalWithoutChallenge
        /// `notifications/cancelled` is refused with 400.
        case refusesCancellations
        /// DELETE answers 204 without ending the session.
        case ignoresDelete
        /// Replies are handed to whichever request with the same JSON-RPC id asks next (a
        /// shared id→stream map): concurrent equal ids are cross-wired.
        case crossWiresEqualIDs(CrossWire)
        /// Every second `tools/list` reply leaves out its last tool.
        case listVaries(Counter)
        /// Speaks only 2026-07-28 (`initialize` is refused as an unsupported version), and
        /// breaks what such a server owes session-era traffic, if anything.
        case modernOnly(ModernOnlyFlaw)
        /// JSON replies are labelled `text/html`.
        case mislabelsJSON
        /// A POSTed JSON-RPC response (no method, a result) is answered 200 with `{}`.
        case answersResponses
        /// Every origin is allowed: preflights are answered here granting whatever was asked,
        /// requests reach the server without their `Origin`, and replies name the request's origin.
        case reflectsEveryOrigin
    }

    /// What a 2026-only ``Flaw/modernOnly(_:)`` server gets wrong.
    enum ModernOnlyFlaw: Sendable {
        /// Nothing.
        case none
        /// Sends back the request's `Mcp-Session-Id`, or issues one.
        case echoesSessionID
        /// Refuses a request that carries `Last-Event-ID` with 400.
        case refusesLastEventID
        /// Answers DELETE with 204.
        case acceptsDelete
    }

    /// Counts `tools/list` replies for ``Flaw/listVaries(_:)``.
    final class Counter: Sendable {
        private let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
    }

    /// The shared reply slot of ``Flaw/crossWiresEqualIDs(_:)``: only requests whose id is in
    /// flight twice at once are swapped, so sequential requests pass untouched and unslowed.
    final class CrossWire: Sendable {
        private let state = Mutex<(inFlight: [String: Int], parked: [String: ByteBuffer], back: [String: ByteBuffer])>(([:], [:], [:]))

        func begin(_ id: String) { state.withLock { $0.inFlight[id, default: 0] += 1 } }

        /// This reply, or the reply of another request with the same id that is in flight too.
        func end(_ id: String, _ reply: ByteBuffer) async -> ByteBuffer {
            defer { state.withLock { $0.inFlight[id, default: 1] -= 1 } }
            let swapped = state.withLock { state -> ByteBuffer? in
                guard state.inFlight[id, default: 0] > 1 else { return reply }
                if let other = state.parked.removeValue(forKey: id) {
                    state.back[id] = reply
                    return other
                }
                state.parked[id] = reply
                return nil
            }
            if let swapped { return swapped }
            for _ in 0..<100 {
                try? await Task.sleep(for: .milliseconds(10))
                if let other = state.withLock({ $0.back.removeValue(forKey: id) }) { return other }
            }
            return state.withLock { $0.parked.removeValue(forKey: id) } ?? reply
        }
    }

    static func start(upstream: String, flaw: Flaw) async throws -> LoopbackApp {
        try await LoopbackApp.start(Forwarder(upstream: upstream, flaw: flaw))
    }

    struct Forwarder: HTTPResponder {
        typealias Context = BasicRequestContext
        let upstream: String
        let flaw: Flaw

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            let method = (try? JSONParser.parse(body.readableBytesView))?["method"]?.stringValue
            let host = (request.head.authority ?? "").split(separator: ":").first.map(String.init)?.lowercased() ?? ""
            var checksHost = true
            if case .ignoresForeignHost = flaw { checksHost = false }
            if checksHost, !["127.0.0.1", "localhost", ""].contains(host), !host.hasPrefix("[") {
                return Response(status: .forbidden, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"error": "host not allowed"}"#)))
            }
            let origin = request.headers[HTTPField.Name("Origin")!]
            switch flaw {
            case .preflightRefused where request.method == .options:
                return Response(status: .methodNotAllowed)
            case .reflectsEveryOrigin where request.method == .options:
                var fields = HTTPFields()
                fields[HTTPField.Name("Access-Control-Allow-Origin")!] = origin ?? "*"
                fields[HTTPField.Name("Access-Control-Allow-Headers")!] = request.headers[HTTPField.Name("Access-Control-Request-Headers")!] ?? "*"
                fields[HTTPField.Name("Access-Control-Allow-Methods")!] = "GET, POST, DELETE"
                return Response(status: .noContent, headers: fields)
            case .hangs where request.method == .get && request.uri.path == "/mcp":
                // Both write forever: a write fails once the client has gone, which ends them.
                return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                    while true {
                        try await writer.write(ByteBuffer(string: ": open\n\n"))
                        try await Task.sleep(for: .milliseconds(300))
                    }
                })
            case .hangs where request.headers[.contentType] == "text/plain":
                return Response(status: .unsupportedMediaType, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                    while true {
                        try await writer.write(ByteBuffer(string: " "))
                        try await Task.sleep(for: .milliseconds(300))
                    }
                })
            case .acceptsBatches where (try? JSONParser.parse(body.readableBytesView))?.arrayValue != nil:
                let ids = (try? JSONParser.parse(body.readableBytesView))?.arrayValue?.compactMap { $0["id"] } ?? []
                let replies = JSONValue.array(ids.map { ["jsonrpc": "2.0", "id": $0, "result": [:]] })
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(replies))))
            case .answersResponses where method == nil && (try? JSONParser.parse(body.readableBytesView))?["result"] != nil:
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
            case .refusesCancellations where method == "notifications/cancelled":
                return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"error": "unknown request"}"#)))
            case .ignoresDelete where request.method == .delete:
                return Response(status: .noContent)
            case .refusesInitialize where method == "initialize":
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
            case .modernOnly where method == "initialize":
                let id = (try? JSONParser.parse(body.readableBytesView))?["id"] ?? .null
                let error = JSONValue.object(["jsonrpc": "2.0", "id": id, "error": ["code": -32602, "message": "unsupported protocol version: this server speaks 2026-07-28 only"]])
                return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(error))))
            case .modernOnly(.refusesLastEventID) where request.headers[HTTPField.Name("Last-Event-ID")!] != nil:
                return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"error": "cannot resume"}"#)))
            case .modernOnly(.acceptsDelete) where request.method == .delete:
                return Response(status: .noContent)
            default:
                break
            }
            var outgoing = HTTPClientRequest(url: upstream + request.uri.description)
            outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
            for field in request.headers { outgoing.headers.add(name: field.name.rawName, value: field.value) }
            if case .reflectsEveryOrigin = flaw { outgoing.headers.remove(name: "Origin") }
            if let host = request.head.authority {
                outgoing.headers.replaceOrAdd(name: "X-Forwarded-Host", value: host)
                outgoing.headers.replaceOrAdd(name: "X-Forwarded-Proto", value: "http")
            }
            if case .authenticatesOnlyAtInitialize(let token) = flaw {
                if method != "initialize", request.method != .options {
                    outgoing.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
                }
            }
            if case .acceptsAnyProtocolVersion = flaw, let version = outgoing.headers.first(name: "MCP-Protocol-Version"),
                !["2025-06-18", "2026-07-28"].contains(version)
            {
                outgoing.headers.replaceOrAdd(name: "MCP-Protocol-Version", value: "2025-06-18")
            }
            var crossWireID: String?
            if case .crossWiresEqualIDs(let wire) = flaw, let id = (try? JSONParser.parse(body.readableBytesView))?["id"] {
                crossWireID = JSONWriter.string(id)
                wire.begin(crossWireID!)
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
            case .emptyAuthorizationServers:
                if request.uri.path.hasPrefix("/.well-known/oauth-protected-resource"), var document = (try? JSONParser.parse(responseBody.readableBytesView))?.objectValue {
                    document["authorization_servers"] = []
                    return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(.object(document)))))
                }
            case .crossWiresEqualIDs(let wire) where crossWireID != nil:
                let swapped = await wire.end(crossWireID!, responseBody)
                return Response(status: .init(code: Int(response.status.code)), headers: fields, body: .init(byteBuffer: swapped))
            case .plainTextUnauthorized where response.status.code == 401:
                fields[.contentType] = "text/plain"
                return Response(status: .unauthorized, headers: fields, body: .init(byteBuffer: ByteBuffer(string: "Unauthorized")))
            case .unparsableChallenge where response.status.code == 401:
                fields[.wwwAuthenticate] = #"Bearer error="invalid_token"#
            case .scopeRefusalWithoutChallenge where response.status.code == 403:
                fields[.wwwAuthenticate] = nil
            case .parseErrorWithoutCode:
                if response.status.code == 400, request.method == .post, (try? JSONParser.parse(body.readableBytesView)) == nil {
                    return Response(status: .badRequest, headers: fields, body: .init(byteBuffer: ByteBuffer(string: #"{"error": "bad request"}"#)))
                }
            case .listVaries(let counter) where method == "tools/list":
                guard counter.next() % 2 == 0, var reply = (try? JSONParser.parse(responseBody.readableBytesView))?.objectValue,
                    var result = reply["result"]?.objectValue, var tools = result["tools"]?.arrayValue, !tools.isEmpty
                else { break }
                tools.removeLast()
                result["tools"] = .array(tools)
                reply["result"] = .object(result)
                return Response(status: .init(code: Int(response.status.code)), headers: fields, body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(.object(reply)))))
            case .modernOnly(.echoesSessionID) where request.method == .post:
                fields[HTTPField.Name("Mcp-Session-Id")!] = request.headers[HTTPField.Name("Mcp-Session-Id")!] ?? "issued-by-the-flaw"
            case .mislabelsJSON where fields[.contentType]?.hasPrefix("application/json") == true:
                fields[.contentType] = "text/html"
            case .reflectsEveryOrigin:
                if let origin { fields[HTTPField.Name("Access-Control-Allow-Origin")!] = origin }
                fields[HTTPField.Name("Access-Control-Expose-Headers")!] = "Mcp-Session-Id, WWW-Authenticate"
            case .authenticatesOnlyAtInitialize, .preflightRefused, .hangs, .refusesInitialize, .ignoresForeignHost, .acceptsAnyProtocolVersion,
                .acceptsBatches, .plainTextUnauthorized, .scopeRefusalWithoutChallenge, .refusesCancellations, .ignoresDelete, .crossWiresEqualIDs,
                .unparsableChallenge, .listVaries, .modernOnly, .mislabelsJSON, .answersResponses:
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
