// expect: apply
import MCPProxy

let statelessMode = true
let configuration = MCPProxyConfiguration(stateless: statelessMode, authentication: .jwt(verifier))
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
