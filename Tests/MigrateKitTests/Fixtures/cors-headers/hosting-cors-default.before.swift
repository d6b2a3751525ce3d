// expect: already
import MCPProxy

let configuration = MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier))
