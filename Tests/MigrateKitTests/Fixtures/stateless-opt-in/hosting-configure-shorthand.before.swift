// expect: already, review
import FastMCP

let server = FastMCPServer(name: "x", version: "1")
try await server.run(.httpStream(port: 8080, stateless: true, auth: .jwt(verifier))) { $0.stateless = false }
