// expect: apply
import MCPProxy

let statelessMode = false
let configuration = MCPProxyConfiguration(stateless: statelessMode, authentication: .jwt(verifier))
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
