import FastMCP
import Foundation

struct NoteArguments: Decodable, Sendable {
    var text: String
}

let environment = ProcessInfo.processInfo.environment
let server = FastMCPServer(name: "notes", version: "1.0.0")

server.tool("echo", description: "Echoes the text back.") { (arguments: NoteArguments, _) in arguments.text }
server.tool("whoami", description: "The caller's subject.") { (context: Context) in
    context.principal?.subject ?? "anonymous"
}

let secret = Array((environment["MCP_JWT_HS256_SECRET"] ?? "").utf8)
let verifier = JWTVerifier(
    keys: .keys([try .hs256(secret: secret)]),
    issuer: environment["NOTES_ISSUER"] ?? "https://auth.example.com",
    audience: environment["NOTES_AUDIENCE"] ?? "notes")

try await server.run(
    .httpStream(
        host: "127.0.0.1",
        port: Int(environment["PORT"] ?? "8080") ?? 8080,
        auth: .jwt(verifier),
        cors: CORSOptions(allowedHeaders: ["Content-Type", "Authorization", "Mcp-Session-Id"])
    ))
