// expect: already
import FastMCP
try await FastMCPServer(name: "x", version: "1").run(.httpStream(port: 1, stateless: true))
