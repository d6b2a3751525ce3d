import ArgumentParser
import Foundation
import MCPPostgres
import MCPPostgresOptions
import MCPProxy
import TestSupport
import Testing

/// `--postgres-url` and `MCP_POSTGRES_URL`, and what the binaries do with them.
@Suite struct PostgresOptionsTests {
    static let binaries = PythonInterop.packageRoot.appendingPathComponent(".build/debug")

    @Test func aPasswordOnTheCommandLineIsRefusedNamingTheWaysToPassOne() {
        #expect(throws: (any Error).self) { try PostgresOptions.parse(["--postgres-url", "postgres://mcp:secret@db/notes"]) }
        do {
            _ = try PostgresOptions.parse(["--postgres-url", "postgres://mcp:secret@db/notes"])
        } catch {
            #expect(PostgresOptions.message(for: error)
                == "--postgres-url must not carry a password (the process list and shell history would show it): set PGPASSWORD, or pass the whole URL in MCP_POSTGRES_URL")
        }
    }

    @Test func theEnvironmentMayCarryTheURLAndThePassword() throws {
        let none = try PostgresOptions.parse([])
        #expect(try none.configuration(environment: [:]) == nil)
        let fromEnvironment = try #require(try none.configuration(environment: ["MCP_POSTGRES_URL": "postgres://mcp:secret@db:6000/notes"]))
        #expect(fromEnvironment.password == "secret")
        #expect(fromEnvironment.displayName == "db:6000/notes")
        let flag = try PostgresOptions.parse(["--postgres-url", "postgres://mcp@db/notes?sslmode=require"])
        let withPassword = try #require(try flag.configuration(environment: ["PGPASSWORD": "from-env"]))
        #expect(withPassword.password == "from-env")
        #expect(withPassword.tls == .require)
    }

    @Test func aBinaryGivenADatabaseThatDoesNotAnswerSaysSoInOneLineAndExitsOne() async throws {
        let port = try await LoopbackPort.free()
        let server = try LaunchedServer(
            Self.binaries.appendingPathComponent("mcp-example").path,
            ["--port", "0", "--no-auth", "--postgres-url", "postgres://nobody@127.0.0.1:\(port)/none?sslmode=disable"])
        let status = await server.waitForExit()
        let stderr = server.stderr
        #expect(status == 1, "\(stderr)")
        #expect(stderr.filter { $0.hasPrefix("Error:") }.count == 1, "\(stderr)")
        #expect(stderr.contains { $0.hasPrefix("Error: PostgreSQL at 127.0.0.1:\(port)/none could not be used within 10.0 seconds: ") }, "\(stderr)")
    }

    @Test func aBinaryRefusesAPasswordInTheFlag() async throws {
        let server = try LaunchedServer(
            Self.binaries.appendingPathComponent("mcp-stateless-proxy").path,
            ["--port", "0", "--no-auth", "--postgres-url", "postgres://mcp:secret@127.0.0.1/x", "--", "true"])
        let status = await server.waitForExit()
        #expect(status == 64, "\(server.stderr)")
        #expect(server.stderr.contains { $0.contains("--postgres-url must not carry a password") }, "\(server.stderr)")
        #expect(!server.stderr.contains { $0.contains("secret") && !$0.contains("--postgres-url must not") }, "the password is never echoed")
    }
}
