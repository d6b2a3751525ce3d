// expect: already
import MCP

let server = Server(name: "weather", version: "1.0", capabilities: .init(tools: .init()))
let transport = StatelessHTTPServerTransport()
try await server.start(transport: transport)
