import Logging
import MCP
import MCPProxy
import MCPSwiftSDKAdapter

/// A swift-sdk `MCP.Server` (one per request) behind MCPProxy, stateless, RS256 JWT.
/// usage: bench-sdk PORT PUBLIC_KEY_PEM_FILE AUDIENCE
@main
struct SDKServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let port = Int(arguments[1]) else {
            print("usage: bench-sdk PORT PUBLIC_KEY_PEM_FILE AUDIENCE")
            return
        }
        let pem = try String(contentsOfFile: arguments[2], encoding: .utf8)
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.pem(pem)]), audience: arguments[3])
        let handler = SwiftSDKServerHandler(
            description: ServerDescription(name: "bench-sdk", version: "1", capabilities: ["tools": [:]])
        ) {
            let server = MCP.Server(name: "bench-sdk", version: "1", capabilities: .init(tools: .init()))
            await server.withMethodHandler(CallTool.self) { params in
                let a = params.arguments?["a"]?.doubleValue ?? 0
                let b = params.arguments?["b"]?.doubleValue ?? 0
                return CallTool.Result(content: [.text(text: "\(a + b)", annotations: nil, _meta: nil)], isError: false)
            }
            return server
        }
        var logger = Logger(label: "bench-sdk")
        logger.logLevel = .warning
        let configuration = MCPProxyConfiguration(port: port, stateless: true, authentication: .jwt(verifier), accessLog: false)
        try await MCPProxyServer(configuration: configuration, handler: handler, logger: logger).runUntilSignalled()
    }
}
