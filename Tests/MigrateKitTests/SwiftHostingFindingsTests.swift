import Foundation
import MigrateKit
import Testing

/// The findings of the hosting recipes: servers on MCPProxy with authentication disabled (the
/// remote variant said more strongly), a wildcard origin with credentials, and swift-sdk servers
/// on the SDK's own HTTP transports.
@Suite struct SwiftHostingFindingsTests {
    private func findings(_ source: String, kind: String) throws -> [Finding] {
        let temp = try TemporaryRepository(files: ["Package.swift": "// swift-tools-version:6.1\n", "Sources/App/main.swift": source])
        return try temp.inspect().report.findings.filter { $0.kind == kind }
    }

    @Test func disabledAuthenticationIsNamedAndTheRemoteVariantSaysSo() throws {
        let local = try findings("""
            import MCPProxy
            let configuration = MCPProxyConfiguration(
                stateless: true,
                authentication: .disabled())
            """, kind: "auth-missing")
        #expect(local.map(\.line) == [4])
        #expect(local.first?.advice.hasPrefix("this `MCPProxyConfiguration` has `authentication: .disabled()` (it serves on loopback only): nothing checks a token") == true)
        let remote = try findings("""
            import MCPProxy
            let configuration = MCPProxyConfiguration(host: "0.0.0.0", stateless: true, authentication: .disabled(allowRemote: true))
            """, kind: "auth-missing")
        #expect(remote.map(\.line) == [2])
        #expect(remote.first?.advice.hasPrefix("this `MCPProxyConfiguration` has `authentication: .disabled(allowRemote: true)`, which serves without authentication on non-loopback addresses too") == true)
        #expect(try findings("""
            import MCPProxy
            let configuration = MCPProxyConfiguration(stateless: true, authentication: .jwt(verifier))
            """, kind: "auth-missing").isEmpty)
    }

    @Test func aWildcardOriginWithCredentialsIsFlagged() throws {
        let flagged = try findings("""
            import MCPProxy
            let configuration = MCPProxyConfiguration(
                stateless: true, authentication: .jwt(verifier), allowedOrigins: ["*"],
                cors: CORSOptions(allowCredentials: true))
            """, kind: "cors-credentials")
        #expect(flagged.map(\.line) == [4])
        #expect(try findings("""
            import MCPProxy
            let configuration = MCPProxyConfiguration(
                stateless: true, authentication: .jwt(verifier), allowedOrigins: ["https://app.example.com"],
                cors: CORSOptions(allowCredentials: true))
            """, kind: "cors-credentials").isEmpty)
    }

    @Test func swiftSDKServersOnTheirOwnHTTPTransportGetHostingAdvice() throws {
        let advice = try findings("""
            import MCP
            let server = Server(name: "w", version: "1", capabilities: .init(tools: .init()))
            try await server.start(transport: StatefulHTTPServerTransport())
            """, kind: "swift-sdk-server")
        #expect(advice.map(\.line) == [3])
        let text = try #require(advice.first?.advice)
        #expect(text.hasPrefix("swift-sdk `StatefulHTTPServerTransport`: host the `MCP.Server` behind `MCPSwiftSDKAdapter`"))
        #expect(text.contains("MCPProxyServer(configuration: .init(stateless: true, authentication: .jwt(verifier)), handler: handler)"))
        #expect(try findings("""
            import MCP
            let server = Server(name: "w", version: "1", capabilities: .init(tools: .init()))
            try await server.start(transport: StdioTransport())
            """, kind: "swift-sdk-server").isEmpty)
    }

    @Test func testFilesAreNeitherEditedNorReported() throws {
        let temp = try TemporaryRepository(files: [
            "Package.swift": "// swift-tools-version:6.1\n",
            "Tests/AppTests/StatefulTests.swift": """
            import MCPProxy
            let configuration = MCPProxyConfiguration(stateless: false, authentication: .disabled())
            try await MCPProxyServer(configuration: elsewhere, handler: handler).run()
            """,
        ])
        let report = try temp.inspect().report
        #expect(report.sites.isEmpty)
        #expect(report.findings.isEmpty)
    }
}
