// expect: apply, review
import FastMCP
import MCPProxy

let configuration = MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier))
let handler = FastMCPServer(name: "x", version: "1").handler(stateless: false)
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
