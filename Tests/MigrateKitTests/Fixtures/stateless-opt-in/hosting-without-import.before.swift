// expect:
// A look-alike in a file that imports neither MCPProxy nor FastMCP is not ours.
struct MCPProxyConfiguration { var stateless = false }
let configuration = MCPProxyConfiguration(stateless: false)
