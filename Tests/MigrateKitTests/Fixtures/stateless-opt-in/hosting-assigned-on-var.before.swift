// expect: apply
import MCPProxy

var configuration = MCPProxyConfiguration(port: 9000, authentication: .jwt(verifier))
configuration.stateless = false
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
