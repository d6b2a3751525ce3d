// expect: apply
import MCPProxy

let configuration = MCPProxyConfiguration(
    stateless: true,
    authentication: .jwt(verifier),
    cors: CORSOptions(
        allowedHeaders: [
            "Content-Type",
            "Authorization",
        ]))
