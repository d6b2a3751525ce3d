// Everything FastMCP users need from MCPProxy (Principal, JWTVerifier, CORSOptions, …).
@_exported import MCPProxy
