import FastMCP
import Foundation
import Hummingbird
import MCPProxy
import NIOCore

// A notes service with its own routes that also serves MCP at /mcp, on the application's own
// port, through MCPProxy's hosting API. Every MCP request carries a JWT, checked on each one.

struct NoteArguments: Decodable, Sendable {
    var text: String
}

/// The application's request context: an `MCPConnectionContext`, so the endpoint knows the connection.
struct AppContext: MCPConnectionContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

let environment = ProcessInfo.processInfo.environment
let port = Int(environment["PORT"] ?? "8080") ?? 8080

let server = FastMCPServer(name: "notes", version: "1.0.0")
server.tool("echo", description: "Echoes the text back.") { (arguments: NoteArguments, _) in arguments.text }
server.tool("whoami", description: "The caller's subject.") { (context: Context) in
    context.principal?.subject ?? "anonymous"
}

let issuer = environment["NOTES_ISSUER"] ?? "https://auth.example.com"
let secret = Array((environment["MCP_JWT_HS256_SECRET"] ?? "").utf8)
let verifier = JWTVerifier(
    keys: .keys([try .hs256(secret: secret)]),
    issuer: issuer,
    audience: environment["NOTES_AUDIENCE"] ?? "notes")

let configuration = MCPProxyConfiguration(
    host: "127.0.0.1",
    port: port,
    endpoint: "/mcp",
    authentication: .jwt(verifier),
    protectedResource: ProtectedResourceMetadata(authorizationServers: [issuer]),
    resourceFromHost: port == 0,
    cors: CORSOptions(allowedHeaders: ["Content-Type", "Authorization", "Mcp-Session-Id"]))

let router = Router(context: AppContext.self)
router.get("/notes") { _, _ in "groceries, ideas\n" }
let endpoint = try router.addMCPEndpoint(configuration: configuration, handler: server.handler(stateless: configuration.stateless))

let app = Application(
    router: router,
    server: .http1(configuration: .init(additionalChannelHandlers: configuration.connectionHandlers())),
    configuration: .init(address: .hostname(configuration.host, port: port)),
    services: [endpoint],
    onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        FileHandle.standardError.write(Data("notes-app listening on http://127.0.0.1:\(bound)/mcp\n".utf8))
    })
try await app.runService()
