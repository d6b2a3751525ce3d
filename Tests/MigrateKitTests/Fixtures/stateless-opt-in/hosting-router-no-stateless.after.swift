// expect: apply
import FastMCP
import Hummingbird
import MCPProxy

let server = FastMCPServer(name: "notes", version: "1.0.0")
let configuration = MCPProxyConfiguration(
    host: "0.0.0.0",
    port: 8080,
    stateless: true,
    authentication: .jwt(verifier))
let router = Router(context: MCPConnectionContext.self)
let endpoint = try router.addMCPEndpoint(configuration: configuration, handler: server.handler(stateless: configuration.stateless))
