// expect: not-applicable
import FastMCP
try await FastMCPServer(name: "x", version: "1").run(.stdio)
