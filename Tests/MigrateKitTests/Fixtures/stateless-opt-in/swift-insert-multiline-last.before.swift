// expect: apply
import FastMCP
let server = FastMCPServer(name: "x", version: "1")
try await server.run(
    .httpStream(
        host: "0.0.0.0",
        port: 8080
    ))
