// expect: apply
import MCPProxy

var configuration = MCPProxyConfiguration(port: 9000, authentication: .jwt(verifier))
configuration.stateless = true
try await MCPProxyServer(configuration: configuration, handler: handler).runUntilSignalled()
