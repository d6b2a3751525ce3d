import FastMCP
import Hummingbird
import Logging
import NIOCore

/// An existing Hummingbird application — a small notes service with its own routes — that
/// also serves the example MCP server on its own port, at `/mcp` (docs/proxy.md, "Mounting
/// in a Hummingbird application").
public enum NotesApp {
    /// The application's request context; as an `MCPConnectionContext` it gives the mounted
    /// endpoint the connection (peer and local addresses, closing after an oversized refusal).
    public struct Context: MCPConnectionContext {
        /// Hummingbird's per-request storage.
        public var coreContext: CoreRequestContextStorage
        /// The channel the request arrived on.
        public let channel: any Channel

        /// The context of one request.
        public init(source: ApplicationRequestContextSource) {
            self.coreContext = .init(source: source)
            self.channel = source.channel
        }
    }

    /// The application's router: its own routes (`/`, `/notes`) plus the MCP endpoint at
    /// `configuration.endpoint`, and the service to run beside the application.
    public static func router(configuration: MCPProxyConfiguration, logger: Logger) throws -> (Router<Context>, MCPEndpointService) {
        let router = Router(context: Context.self)
        router.get("/") { _, _ in "notes: GET /notes, MCP at \(configuration.normalizedEndpoint)\n" }
        router.get("/notes") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"[{"title":"groceries"},{"title":"ideas"}]"#)))
        }
        let mcp = try router.addMCPEndpoint(
            configuration: configuration, handler: ExampleServer.make().handler(stateless: configuration.stateless), logger: logger)
        return (router, mcp)
    }
}
