// expect: review
import Hummingbird
import MCPProxy

func mountMCP(on router: Router<MCPConnectionContext>, configuration: MCPProxyConfiguration, handler: some MCPHandler) throws -> MCPEndpointService {
    try router.addMCPEndpoint(configuration: configuration, handler: handler)
}
