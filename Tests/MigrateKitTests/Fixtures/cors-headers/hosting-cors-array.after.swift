// expect: apply
import MCPProxy

let configuration = MCPProxyConfiguration(
    stateless: true,
    authentication: .jwt(verifier),
    cors: CORSOptions(
        allowedHeaders: [
            "Content-Type",
            "Authorization",
            "Accept",
            "Mcp-Protocol-Version",
            "Mcp-Session-Id",
            "Last-Event-ID",
            "Mcp-Method",
            "Mcp-Name",
        ]))
