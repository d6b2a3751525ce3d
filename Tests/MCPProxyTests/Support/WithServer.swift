import MCPProxy
import TestSupport

/// Runs `body` against a fresh server (the native example by default) and always stops it.
func withServer<T>(
    _ configuration: MCPProxyConfiguration, handler: some MCPHandler = ExampleServer.make(),
    _ body: (TestServer) async throws -> T
) async throws -> T {
    try await withTestServer(configuration, handler: handler, body)
}

extension TestServer {
    static func start(_ configuration: MCPProxyConfiguration) async throws -> TestServer {
        try await start(configuration, handler: ExampleServer.make())
    }
}
