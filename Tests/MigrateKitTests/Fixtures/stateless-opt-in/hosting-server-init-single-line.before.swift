// expect: apply
import MCPProxy

try await MCPProxyServer(configuration: .init(authentication: .jwt(verifier)), handler: handler).runUntilSignalled()
