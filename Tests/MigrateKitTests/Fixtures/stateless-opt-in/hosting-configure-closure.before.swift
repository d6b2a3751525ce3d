// expect: already, review
import FastMCP

// `configure:` can turn stateless off after `.httpStream` turned it on: never green when unsure.
let server = FastMCPServer(name: "x", version: "1")
try await server.run(.httpStream(port: 8080, stateless: true, auth: .jwt(verifier)), configure: { configuration in
    configuration.stateless = false
})
