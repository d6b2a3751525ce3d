import ExampleServers
import FastMCP
import MCPAcceptance
import Testing
import TestSupport

/// The acceptance suite against our own server in every configuration — and proof it can fail.
@Suite struct AcceptanceSuiteTests {
    static let secret = Array("acceptance-tests-secret-0123456789abcdef".utf8)
    static let issuer = "https://issuer.test"

    static func token(_ subject: String, audience: String) -> String {
        TestTokens.hs256(secret: secret, claims: ["sub": .string(subject), "iss": .string(issuer), "aud": .string(audience), "scope": "mcp:read"])
    }

    static func jwtConfiguration(stateless: Bool, eras: Set<ProtocolEra> = [.legacy2025, .modern2026]) throws -> MCPProxyConfiguration {
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.hs256(secret: secret)]), issuer: issuer, audience: "acceptance")
        return MCPProxyConfiguration(
            stateless: stateless, authentication: .jwt(verifier),
            protectedResource: ProtectedResourceMetadata(authorizationServers: [issuer]), eras: eras, drainTimeout: .milliseconds(300))
    }

    static func run(_ url: String, expect: AcceptanceConfiguration.Mode = .stateless, eras: AcceptanceConfiguration.Eras = .both, withTokens: Bool = true) async throws -> AcceptanceReport {
        let configuration = AcceptanceConfiguration(
            endpoint: url, token: withTokens ? token("alice", audience: "acceptance") : nil,
            secondToken: withTokens ? token("bob", audience: "acceptance") : nil, eras: eras, expect: expect)
        return try await AcceptanceSuite(configuration: configuration).run()
    }

    func skippedIDs(_ report: AcceptanceReport) -> [String] {
        report.results.compactMap { if case .skip = $0.verdict { return $0.id } else { return nil } }
    }

    @Test func statelessWithJWTPassesEverything() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(skippedIDs(report) == ["stateful.session-issued"])
            #expect(report.passed == AcceptanceSuite.cases.count - 1)
        }
    }

    @Test func statefulWithJWTPassesWhenExpected() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: false), handler: ExampleServer.make().handler(stateless: false)) { server in
            let report = try await Self.run(server.url, expect: .stateful)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(skippedIDs(report) == ["stateless.no-session-id", "stateless.client-session-ignored", "stateless.no-initialize-needed", "stateless.get-405"])
        }
    }

    @Test func statelessWithoutAuthSkipsTheAuthCases() async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url, withTokens: false)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(skippedIDs(report) == [
                "stateful.session-issued", "auth.no-token-401", "auth.invalid-token-401", "auth.every-request", "auth.identity-per-request",
                "auth.resource-metadata",
            ])
        }
    }

    @Test func eachEraAlone() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let modern = try await Self.run(server.url, eras: .modern)
            #expect(modern.failedIDs == [], "\(TextReport(modern).render(colors: false))")
            #expect(Set(skippedIDs(modern)).isSuperset(of: ["legacy.initialize-then-list", "stateless.get-405"]))
            let legacy = try await Self.run(server.url, eras: .legacy)
            #expect(legacy.failedIDs == [], "\(TextReport(legacy).render(colors: false))")
            #expect(Set(skippedIDs(legacy)) == ["stateful.session-issued", "modern.discover", "modern.tools-list", "modern.header-mismatch"])
        }
    }

    @Test func anEraTheServerDoesNotSpeakIsSkippedWithTheReason() async throws {
        let config = try Self.jwtConfiguration(stateless: true, eras: [.legacy2025])
        try await withTestServer(config, handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(report.speaksModern == false)
            let discover = report.results.first { $0.id == "modern.discover" }
            #expect(discover?.verdict == .skip("the server does not speak 2026-07-28 (server/discover was refused)"))
        }
    }

    // MARK: Proofs that the suite can fail

    @Test func aStatefulOnlyServerFailsExactlyTheStatelessCases() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: false), handler: ExampleServer.make().handler(stateless: false)) { server in
            let report = try await Self.run(server.url, expect: .stateless)
            #expect(report.failedIDs == ["stateless.no-session-id", "stateless.client-session-ignored", "stateless.no-initialize-needed", "stateless.get-405"])
        }
    }

    @Test func wildcardCORSWithCredentialsFails() async throws {
        try await withFlaw(.wildcardCORSWithCredentials) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["cors.preflight-allows-auth", "cors.no-wildcard-with-credentials"])
        }
    }

    @Test func authenticatingOnlyAtInitializeFails() async throws {
        try await withFlaw(.authenticatesOnlyAtInitialize(validToken: Self.token("alice", audience: "acceptance"))) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["auth.no-token-401", "auth.invalid-token-401", "auth.every-request", "auth.identity-per-request", "auth.resource-metadata"])
        }
    }

    @Test func aChallengeWithoutResourceMetadataFails() async throws {
        try await withFlaw(.noResourceMetadata) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["auth.no-token-401", "auth.resource-metadata"])
        }
    }

    @Test func reportsRenderEvidence() async throws {
        try await withFlaw(.noResourceMetadata) { url in
            let report = try await Self.run(url)
            let text = TextReport(report).render(colors: false)
            #expect(text.contains("FAIL  auth.no-token-401"))
            #expect(text.contains("expected a resource_metadata parameter in the challenge"))
            #expect(text.hasSuffix("\(report.passed) passed, 2 failed, 1 skipped\n"))
            let json = JSONReport(report).json
            #expect(json["summary"] == ["passed": .int(report.passed), "failed": 2, "skipped": 1])
            let failed = json["results"]?.arrayValue?.first { $0["id"] == "auth.no-token-401" }
            #expect(failed?["evidence"]?["status"] == 401)
            #expect(failed?["evidence"]?["headers"]?["www-authenticate"] == "Bearer")
            let junit = JUnitReport(report).render()
            #expect(junit.contains(#"<testsuite name="mcp-acceptance" tests="\#(report.results.count)" failures="2" skipped="1""#))
            #expect(junit.contains(#"<failure message="expected a resource_metadata parameter in the challenge">"#))
        }
    }

    func withFlaw(_ flaw: FlawProxy.Flaw, _ body: (String) async throws -> Void) async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let proxy = try await FlawProxy.start(upstream: server.base, flaw: flaw)
            do {
                try await body(proxy.url)
            } catch {
                await proxy.stop()
                throw error
            }
            await proxy.stop()
        }
    }
}
