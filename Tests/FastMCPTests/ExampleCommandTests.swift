import Foundation
import MCPCommandLine
import MCPProxy
import Testing
import TestSupport

/// The example server's command line refuses what the fail-closed rules forbid, naming the flag.
@Suite struct ExampleCommandTests {
    /// The environment of the test run without anything that configures the example server.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MCP_") }
    }

    @Test func noAuthOnAWildcardAddressIsRefused() async throws {
        let run = try await TestProcess.run(StdioTests.exampleBinary, ["--no-auth", "--host", "0.0.0.0", "--port", "0"], environment: Self.cleanEnvironment)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("refusing to start: authentication is disabled and the server would listen on 0.0.0.0"))
        #expect(run.stderr.contains("--allow-unauthenticated-remote"))
    }

    @Test func aDevTokenFromTheEnvironmentAloneNeverBindsBeyondLoopback() async throws {
        var environment = Self.cleanEnvironment
        environment["MCP_DEV_TOKEN"] = "from-the-environment"
        environment["MCP_HOST"] = "0.0.0.0"
        let run = try await TestProcess.run(StdioTests.exampleBinary, ["--port", "0"], environment: environment)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(
            "MCP_DEV_TOKEN alone never enables a non-loopback bind (0.0.0.0): pass --dev-token explicitly, or use JWT verification"))
    }

    @Test func jwtOnAWildcardAddressNeedsTheResourceOrTheAudience() async throws {
        let run = try await TestProcess.run(
            StdioTests.exampleBinary, ["--host", "0.0.0.0", "--port", "0", "--jwt-hs256-secret", String(repeating: "s", count: 32)],
            environment: Self.cleanEnvironment)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("refusing to start: JWT authentication on the wildcard address 0.0.0.0 needs the URL clients use"))
        #expect(run.stderr.contains("CLI: --resource") && run.stderr.contains("CLI: --audience"))
    }

    @Test func allowUnauthenticatedRemoteNeedsNoAuth() async throws {
        let run = try await TestProcess.run(
            StdioTests.exampleBinary, ["--allow-unauthenticated-remote", "--dev-token", "t", "--port", "0"], environment: Self.cleanEnvironment)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--allow-unauthenticated-remote only makes sense with --no-auth"))
    }

    @Test func devTokenCountMintsDistinctTokensThatVerify() async throws {
        let secret = String(repeating: "k", count: 32)
        let run = try await TestProcess.run(
            StdioTests.exampleBinary, ["dev-token", "--jwt-hs256-secret", secret, "--audience", "bench", "--count", "300"],
            environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        let tokens = run.stdout.split(separator: "\n").map(String.init)
        #expect(tokens.count == 300)
        #expect(Set(tokens).count == 300)
        let verifier = JWTVerifier(keys: .keys([try .hs256(secret: Array(secret.utf8))]), audience: "bench")
        var ids: [String] = []
        for token in [tokens[0], tokens[299]] {
            let principal = try await verifier.verify(token, audience: "bench")
            ids.append(principal.claims["jti"]?.stringValue ?? "")
        }
        #expect(ids == ["t0", "t299"])

        let refused = try await TestProcess.run(
            StdioTests.exampleBinary, ["dev-token", "--jwt-hs256-secret", secret, "--count", "0"], environment: Self.cleanEnvironment)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--count must be positive"))
    }

    @Test func serveHelpShowsOneServingVocabularyAndHidesOldSpellings() async throws {
        let run = try await TestProcess.run(StdioTests.exampleBinary, ["serve", "--help"], environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        for flag in ["--host", "--port", "--endpoint", "--stateless", "--allow-origin", "--allow-header", "--max-body-size", "--request-timeout",
                     "--jwks-url", "--jwt-public-key", "--jwt-hs256-secret", "--issuer", "--audience", "Example: mcp-example"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from serve --help")
        }
        #expect(!run.stdout.contains("--cors-allow-origin"))
        #expect(!run.stdout.contains("--cors-add-header"))
    }

    @Test func devTokenHelpShowsOnlyMintingFlags() async throws {
        let run = try await TestProcess.run(StdioTests.exampleBinary, ["dev-token", "--help"], environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        for flag in ["--jwt-hs256-secret", "--jwt-hs256-secret-file", "--jwt-private-key", "--issuer", "--audience", "--count", "Examples:"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from dev-token --help")
        }
        for flag in ["--jwks-url", "--jwt-public-key", "--allow-origin", "--no-auth"] {
            #expect(!run.stdout.contains(flag), "\(flag) is a verification or serving flag, not a minting one")
        }
    }

    @Test func theOldSpellingsStillWork() throws {
        let options = try ServerOptions.parse([
            "--cors-allow-origin", "https://old.example", "--allow-origin", "https://new.example", "--cors-add-header", "X-Old",
            "--allow-header", "X-New", "--endpoint", "/api/mcp", "--stateless", "--max-body-size", "2048", "--request-timeout", "5",
        ])
        var configuration = MCPProxyConfiguration(authentication: .disabled())
        options.apply(to: &configuration)
        #expect(configuration.allowedOrigins == ["https://new.example", "https://old.example"])
        #expect(configuration.cors.allowedHeaders.contains("X-Old") && configuration.cors.allowedHeaders.contains("X-New"))
        #expect(configuration.endpoint == "/api/mcp")
        #expect(configuration.stateless)
        #expect(configuration.maxBodySize == 2048)
        #expect(configuration.requestTimeout == .seconds(5))
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--max-body-size", "0"]) }
    }
}
