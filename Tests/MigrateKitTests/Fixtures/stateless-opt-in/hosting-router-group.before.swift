// expect: apply, review
import FastMCP
import Hummingbird
import MCPProxy

// A group's mount is followed to its configuration like the router's; one served from
// elsewhere is a review, never a silent pass.
let configuration = MCPProxyConfiguration(port: 8080, endpoint: "/api/mcp", authentication: .jwt(verifier))
let router = Router(context: MCPConnectionContext.self)
let api = router.group("api")
try api.addMCPEndpoint("mcp", root: router, configuration: configuration, handler: server.handler(stateless: configuration.stateless))
try api.addMCPEndpoint("other", root: router, configuration: Settings.mcp, handler: other)
