// expect: review
import FastMCP
let flag = CommandLine.arguments.contains("--stateless")
try await FastMCPServer(name: "x", version: "1").run(.httpStream(port: 1, stateless: flag))
