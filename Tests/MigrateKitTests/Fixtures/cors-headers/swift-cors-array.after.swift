// expect: apply
import FastMCP
try await FastMCPServer(name: "x", version: "1").run(.httpStream(port: 1, stateless: true, cors: CORSOptions(allowedHeaders: ["Content-Type", "Authorization", "Accept", "Mcp-Protocol-Version", "Mcp-Session-Id", "Last-Event-ID", "Mcp-Method", "Mcp-Name"], exposedHeaders: [
    "Mcp-Session-Id",
    "WWW-Authenticate",
])))
