import Logging
import MCPProxy
import ServiceLifecycle

/// An MCPProxy server on 127.0.0.1 with a free port, stopped by graceful shutdown.
package final class TestServer: Sendable {
    package let server: MCPProxyServer
    package let group: ServiceGroup
    package let task: Task<Void, any Error>
    package let port: Int

    package var url: String { "http://127.0.0.1:\(port)\(server.configuration.endpoint)" }
    package var base: String { "http://127.0.0.1:\(port)" }

    private init(server: MCPProxyServer, group: ServiceGroup, task: Task<Void, any Error>, port: Int) {
        self.server = server
        self.group = group
        self.task = task
        self.port = port
    }

    package static var quietLogger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    package static func start(_ configuration: MCPProxyConfiguration, handler: some MCPHandler) async throws -> TestServer {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = MCPProxyServer(configuration: configuration, handler: handler, logger: quietLogger)
        return try await start(server)
    }

    package static func start(_ server: MCPProxyServer) async throws -> TestServer {
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: quietLogger))
        let task = Task { try await group.run() }
        guard let port = await server.waitUntilListening() else {
            task.cancel()
            throw TestFailure("server did not start")
        }
        return TestServer(server: server, group: group, task: task, port: port)
    }

    package func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// Runs `body` against a fresh server and always stops it.
package func withTestServer<T>(
    _ configuration: MCPProxyConfiguration, handler: some MCPHandler,
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let server = try await TestServer.start(configuration, handler: handler)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

package struct TestFailure: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
