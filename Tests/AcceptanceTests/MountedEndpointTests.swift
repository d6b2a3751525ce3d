import ExampleServers
import FastMCP
import Hummingbird
import Logging
import MCPProxy
import NIOCore
@testable import MCPAcceptance
import ServiceLifecycle
import Testing
import TestSupport

/// The host application: its router on 127.0.0.1, port 0, in one service group with the
/// mounted endpoint's service, as an application would run them.
func startHostApp<Context: RequestContext>(_ router: Router<Context>, services: [any Service]) async throws -> LoopbackApp
where Context.Source == ApplicationRequestContextSource {
    try await LoopbackApp.start(services: services) { onRunning in
        Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning,
            logger: TestServer.quietLogger)
    }
}

/// The same, with the connection defences the application installs for all its routes.
func startHostApp<Context: RequestContext>(
    _ router: Router<Context>, services: [any Service], connectionHandlers: @escaping @autoclosure @Sendable () -> [any RemovableChannelHandler]
) async throws -> LoopbackApp
where Context.Source == ApplicationRequestContextSource {
    try await LoopbackApp.start(services: services) { onRunning in
        Application(
            router: router, server: .http1(configuration: .init(additionalChannelHandlers: connectionHandlers())),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning, logger: TestServer.quietLogger)
    }
}

@Suite struct MountedEndpointTests {
    /// The notes app's MCP configuration: JWT as in the acceptance tests; the app binds port 0,
    /// so the resource URL comes from the request's Host (the audience is fixed).
    static func notesConfiguration(stateless: Bool, endpoint: String = "/mcp") throws -> MCPProxyConfiguration {
        var configuration = try AcceptanceSuiteTests.jwtConfiguration(stateless: stateless)
        configuration.port = 0
        configuration.endpoint = endpoint
        configuration.resourceFromHost = true
        return configuration
    }

    @Test(arguments: [true, false])
    func theNotesAppPassesTheAcceptanceSuiteOnItsOwnPort(stateless: Bool) async throws {
        let (router, mcp) = try NotesApp.router(configuration: try Self.notesConfiguration(stateless: stateless), logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp])
        let report = try await AcceptanceSuiteTests.run(app.base + "/mcp", expect: stateless ? .stateless : .stateful)
        let notes = try await HTTP.send(.GET, app.base + "/notes")
        let metadata = try await HTTP.send(.GET, app.base + "/.well-known/oauth-protected-resource/mcp")
        let health = try await HTTP.send(.GET, app.base + "/health")
        await app.stop()

        #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
        #expect(report.outcome == .passed)
        let skipped = report.results.compactMap { if case .skip = $0.verdict { return $0.id } else { return nil } }
        #expect(skipped == (stateless ? [
            "transport.progress-before-result", "stateful.session-issued", "stateful.delete-ends-session", "auth.authorization-server-metadata",
            "modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405",
        ] : [
            "transport.progress-before-result", "stateless.no-session-id", "stateless.client-session-ignored", "stateless.no-initialize-needed",
            "stateless.get-405", "auth.authorization-server-metadata", "modern.session-id-ignored", "modern.last-event-id-ignored",
            "modern.get-delete-405",
        ]))
        // The application's own routes are untouched; the metadata route is at the root; the
        // health routes are the application's business unless asked for.
        #expect(notes.status == 200)
        #expect(notes.body == #"[{"title":"groceries"},{"title":"ideas"}]"#)
        #expect(metadata.status == 200)
        #expect(metadata.json?["resource"] == .string(app.base + "/mcp"))
        #expect(metadata.json?["authorization_servers"] == [.string(AcceptanceSuiteTests.issuer)])
        #expect(health.status == 404)
    }

    @Test func shutdownClosesOpenStreamsSoTheApplicationCanStop() async throws {
        let (router, mcp) = try NotesApp.router(configuration: try Self.notesConfiguration(stateless: true), logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp])
        var request = HTTPStreamingRequest(url: app.base + "/mcp")
        request.body = Modern.body(7, "subscriptions/listen", params: ["notifications": ["toolsListChanged": true]])
        request.headers = HTTP.jsonHeaders + Modern.headers("subscriptions/listen")
            + [HTTP.bearer(AcceptanceSuiteTests.token("alice", audience: "acceptance"))]
        var stream = try await request.open()
        #expect(stream.status == 200)
        _ = try await stream.read(until: "acknowledged")
        #expect(mcp.notifier.listenerCount == 1)
        async let stopped: Void = app.stop()
        _ = try await stream.readToEnd()
        await stopped
        #expect(mcp.notifier.listenerCount == 0)
    }

    /// A group middleware that marks every reply, to show the mounted endpoint runs inside the group.
    struct MarkingMiddleware<Context: RequestContext>: RouterMiddleware {
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var response = try await next(request, context)
            response.headers[.init("X-Group")!] = "api"
            return response
        }
    }

    @Test func inARouterGroupTheConfiguredPathIsTheFullOne() async throws {
        let router = Router(context: BasicRequestContext.self)
        let group = router.group("/api").add(middleware: MarkingMiddleware())
        let mcp = try group.addMCPEndpoint(
            "mcp", root: router, configuration: try Self.notesConfiguration(stateless: true, endpoint: "/api/mcp"),
            handler: ExampleServer.make().handler(stateless: true), healthRoutes: true, logger: TestServer.quietLogger)
        let wrong = try group.addMCPEndpoint(
            "other", root: router, configuration: try Self.notesConfiguration(stateless: true, endpoint: "/other"),
            handler: ExampleServer.make().handler(stateless: true), logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp, wrong])
        let token = HTTP.bearer(AcceptanceSuiteTests.token("alice", audience: "acceptance"))
        let list = try await HTTP.rpc(app.base + "/api/mcp", RPC.toolsList, headers: [token])
        let challenge = try await HTTP.rpc(app.base + "/api/mcp", RPC.toolsList)
        let metadata = try await HTTP.send(.GET, app.base + "/.well-known/oauth-protected-resource/api/mcp")
        let ready = try await HTTP.send(.GET, app.base + "/ready")
        let misplaced = try await HTTP.rpc(app.base + "/api/other", RPC.toolsList, headers: [token])
        await app.stop()

        #expect(list.status == 200)
        #expect(list.json?["result"]?["tools"]?.arrayValue?.count == 6)
        #expect(list.header("X-Group") == "api")
        #expect(challenge.status == 401)
        #expect(challenge.header("WWW-Authenticate")
            == #"Bearer resource_metadata="\#(app.base)/.well-known/oauth-protected-resource/api/mcp""#)
        #expect(metadata.json?["resource"] == .string(app.base + "/api/mcp"))
        #expect(ready.status == 200)
        #expect(ready.json?["status"] == "ready")
        #expect(misplaced.status == 500)
        #expect(misplaced.errorMessage == "Internal Server Error: the MCP endpoint is mounted at a path its configuration does not name")
    }

    @Test func mountingRefusesWhatTheServerWouldRefuseToStart() throws {
        let router = Router(context: BasicRequestContext.self)
        let handler = ExampleServer.make().handler(stateless: true)
        #expect {
            try router.addMCPEndpoint(
                configuration: MCPProxyConfiguration(host: "0.0.0.0", stateless: true, authentication: .disabled()), handler: handler,
                logger: TestServer.quietLogger)
        } throws: { error in
            (error as? MCPProxyServer.StartupRefusal)?.description.hasPrefix(
                "refusing to start: authentication is disabled and the server would listen on 0.0.0.0") == true
        }
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.hs256(secret: AcceptanceSuiteTests.secret)]))
        #expect {
            try router.addMCPEndpoint(
                configuration: MCPProxyConfiguration(port: 0, stateless: true, authentication: .jwt(verifier)), handler: handler,
                logger: TestServer.quietLogger)
        } throws: { error in
            (error as? MCPProxyServer.StartupRefusal)?.description.hasPrefix(
                "refusing to mount: a mounted MCP endpoint cannot learn the application's port") == true
        }
    }

    @Test func withAConnectionContextAnOversizedBodyIsRefusedAndTheConnectionClosed() async throws {
        var configuration = try Self.notesConfiguration(stateless: true)
        configuration.maxBodySize = 1024
        let (router, mcp) = try NotesApp.router(configuration: configuration, logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp])
        let head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n"
        let outcome = try await RawHTTP.exchange(port: app.port, head + String(repeating: " ", count: 1000))
        await app.stop()
        #expect(outcome.closed)
        #expect(outcome.text.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"))
        #expect(outcome.text.lowercased().contains("connection: close\r\n"))
    }

    /// An application that installs `connectionHandlers()` bounds an endless body on every
    /// route, the endpoint's and its own.
    @Test func aMountWithTheConnectionHandlersBoundsAnEndlessBody() async throws {
        let configuration = try Self.notesConfiguration(stateless: true)
        let (router, mcp) = try NotesApp.router(configuration: configuration, logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp], connectionHandlers: configuration.connectionHandlers())
        let chunked = "Host: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        let endpoint = try await RawHTTP.flood(port: app.port, head: "POST /mcp HTTP/1.1\r\n" + chunked, chunked: true)
        let elsewhere = try await RawHTTP.flood(port: app.port, head: "POST /nope HTTP/1.1\r\n" + chunked, chunked: true)
        let token = HTTP.bearer(AcceptanceSuiteTests.token("alice", audience: "acceptance"))
        let after = try await HTTP.rpc(app.base + "/mcp", RPC.toolsList, headers: [token])
        await app.stop()
        for (outcome, status) in [(endpoint, "401 Unauthorized"), (elsewhere, "404 Not Found")] {
            #expect(outcome.closed, "never closed after \(outcome.sent) bytes")
            #expect(outcome.sent < 128 << 20)
            #expect(outcome.text.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(outcome.text.prefix(200))")
        }
        #expect(after.status == 200)
    }

    @Test func aContextThatCannotCloseTheConnectionIsWarnedAbout() throws {
        let capture = LogCapture()
        let router = Router(context: BasicRequestContext.self)
        try router.addMCPEndpoint(
            configuration: try Self.notesConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true), logger: capture.logger)
        #expect(capture.messages(at: .warning).filter { $0.contains("MCPConnectionContext") } == [
            "the request context BasicRequestContext is not an MCPConnectionContext: after refusing a request the endpoint cannot close the connection, and unless the application installs MCPProxyConfiguration.connectionHandlers() its server reads an unfinished request body to its end, however long (docs/http-behaviour.md)"
        ])
        let quiet = LogCapture()
        _ = try NotesApp.router(configuration: try Self.notesConfiguration(stateless: true), logger: quiet.logger)
        #expect(quiet.messages(at: .warning).filter { $0.contains("MCPConnectionContext") } == [])
    }

    @Test func anEndpointWhoseServiceIsNotRunningSaysSoOnce() async throws {
        let capture = LogCapture()
        let (router, _) = try NotesApp.router(configuration: try Self.notesConfiguration(stateless: true), logger: capture.logger)
        let app = try await startHostApp(router, services: [])
        let token = HTTP.bearer(AcceptanceSuiteTests.token("alice", audience: "acceptance"))
        let first = try await HTTP.rpc(app.base + "/mcp", RPC.toolsList, headers: [token])
        let second = try await HTTP.rpc(app.base + "/mcp", RPC.toolsList, headers: [token])
        await app.stop()
        #expect(first.status == 200 && second.status == 200)
        #expect(capture.messages(at: .error) == [
            "the mounted MCP endpoint serves requests but its MCPEndpointService is not running: add the service addMCPEndpoint returned to your ServiceGroup, or idle sessions are never swept and open streams hold up shutdown"
        ])
    }
}
