// expect: apply
import MCPProxy

try await MCPProxyServer(configuration: .init(stateless: true, authentication: .jwt(verifier)), handler: handler).runUntilSignalled()
