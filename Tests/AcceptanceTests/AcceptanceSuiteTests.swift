import Foundation
import ExampleServers
import FastMCP
import Hummingbird
import Synchronization
@testable import MCPAcceptance
import Testing
import TestSupport

/// The acceptance suite against our own server in every configuration — and proof it can fail.
@Suite struct AcceptanceSuiteTests {
    static let secret = Array("acceptance-tests-secret-0123456789abcdef".utf8)
    static let issuer = "https://issuer.test"

    static func token(_ subject: String, audience: String, scope: String = "mcp:read mcp:admin") -> String {
        TestTokens.hs256(secret: secret, claims: ["sub": .string(subject), "iss": .string(issuer), "aud": .string(audience), "scope": .string(scope)])
    }

    static func jwtConfiguration(stateless: Bool, eras: Set<ProtocolEra> = [.legacy2025, .modern2026], authorizationServer: String = issuer) throws -> MCPProxyConfiguration {
        let verifier = JWTVerifier(keys: .keys([try VerificationKey.hs256(secret: secret)]), issuer: issuer, audience: "acceptance")
        return MCPProxyConfiguration(
            stateless: stateless, authentication: .jwt(verifier),
            protectedResource: ProtectedResourceMetadata(authorizationServers: [authorizationServer]), eras: eras, drainTimeout: .milliseconds(300))
    }

    static func run(
        _ url: String, expect: AcceptanceConfiguration.Mode = .stateless, eras: AcceptanceConfiguration.Eras = .both, withTokens: Bool = true,
        _ adjust: (inout AcceptanceConfiguration) -> Void = { _ in }
    ) async throws -> AcceptanceReport {
        var configuration = AcceptanceConfiguration(
            endpoint: url, token: withTokens ? token("alice", audience: "acceptance") : nil,
            secondToken: withTokens ? token("bob", audience: "acceptance") : nil, eras: eras, expect: expect)
        if withTokens {
            configuration.wrongAudienceToken = token("mallory", audience: "another-service")
            configuration.scopedTool = "admin_info"  // needs mcp:admin
            configuration.lowScopeToken = token("carol", audience: "acceptance", scope: "mcp:read")
        }
        adjust(&configuration)
        return try await AcceptanceSuite(configuration: configuration).run()
    }

    func verdict(_ report: AcceptanceReport, _ id: String) -> Verdict? {
        report.results.first { $0.id == id }?.verdict
    }

    func skippedIDs(_ report: AcceptanceReport) -> [String] {
        report.results.compactMap { if case .skip = $0.verdict { return $0.id } else { return nil } }
    }

    @Test func statelessWithJWTPassesEverything() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            // The three checks for 2026-only servers skip: this one speaks both eras.
            #expect(skippedIDs(report) == [
                "transport.progress-before-result", "stateful.session-issued", "stateful.delete-ends-session", "auth.authorization-server-metadata",
                "modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405",
            ])
            #expect(report.passed == AcceptanceSuite.cases.count - 7)
            #expect(report.outcome == .passed)
            #expect(report.skipsThatCount == 0)
        }
    }

    @Test func statefulWithJWTPassesWhenExpected() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: false), handler: ExampleServer.make().handler(stateless: false)) { server in
            let report = try await Self.run(server.url, expect: .stateful)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(skippedIDs(report) == [
                "transport.progress-before-result", "stateless.no-session-id", "stateless.client-session-ignored", "stateless.no-initialize-needed", "stateless.get-405",
                "auth.authorization-server-metadata", "modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405",
            ])
            #expect(report.outcome == .passed)
        }
    }

    static let authIDs = AcceptanceSuite.cases.map(\.id).filter { $0.hasPrefix("auth.") }

    @Test func aServerWithoutAuthFailsARunWithoutAToken() async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url, withTokens: false)
            #expect(report.failedIDs == ["auth.required"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "auth.required") else { return }
            #expect(evidence.status == 200)
            #expect(evidence.expected == "401 with a Bearer challenge to a request without a token (a server meant to serve without authentication: pass --expect-no-auth)")
            // The other auth cases say why they did not run, and do not pile up as failures.
            let skipped = report.results.filter { $0.id.hasPrefix("auth.") && $0.id != "auth.required" }
            #expect(skipped.allSatisfy { if case .skip = $0.verdict { true } else { false } })
            #expect(verdict(report, "auth.no-token-401") == .skip(Skip("the server answered without a token (see auth.required)", .notSelected)))
            #expect(report.outcome == .failed(["failed: auth.required"]))
            #expect(report.outcome.exitStatus == 1)
            #expect(report.authChecked)
            #expect(JSONReport(report).json["authChecked"] == true)
        }
    }

    @Test func theSameServerPassesWithExpectNoAuthAndSaysAuthWasNotChecked() async throws {
        try await withTestServer(MCPProxyConfiguration(stateless: true, authentication: .disabled()), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url, withTokens: false) { $0.expectNoAuth = true }
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(skippedIDs(report) == [
                "transport.progress-before-result", "stateful.session-issued", "stateful.delete-ends-session",
            ] + Self.authIDs + ["modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405"])
            #expect(verdict(report, "auth.required") == .skip(Skip("authentication not checked (--expect-no-auth)", .notSelected)))
            #expect(report.outcome == .passed)
            #expect(!report.authChecked)
            #expect(report.summary == "\(report.passed) passed, 0 failed, \(report.skipped) skipped: PASS — authentication not checked (--expect-no-auth)")
            #expect(TextReport(report).render(colors: false).hasSuffix(report.summary + "\n"))
            #expect(JSONReport(report).json["authChecked"] == false)
            #expect(JSONReport(report).json["schemaVersion"] == 3)
        }
    }

    @Test func expectNoAuthAgainstAProtectedServerFails() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url, withTokens: false) { $0.expectNoAuth = true }
            #expect(report.results.isEmpty)
            guard case .failed(let reasons) = report.outcome, let reason = reasons.first else { Issue.record("\(report.outcome)"); return }
            #expect(reason.hasPrefix("--expect-no-auth was given, but the server asks for a bearer token (401 to initialize: WWW-Authenticate: Bearer "))
            #expect(report.outcome.exitStatus == 1)
        }
    }

    @Test func eachEraAlone() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let modern = try await Self.run(server.url, eras: .modern)
            #expect(modern.failedIDs == [], "\(TextReport(modern).render(colors: false))")
            #expect(Set(skippedIDs(modern)).isSuperset(of: ["legacy.initialize-then-list", "stateless.get-405"]))
            let legacy = try await Self.run(server.url, eras: .legacy)
            #expect(legacy.failedIDs == [], "\(TextReport(legacy).render(colors: false))")
            #expect(Set(skippedIDs(legacy)) == [
                "transport.progress-before-result", "stateful.session-issued", "stateful.delete-ends-session", "modern.discover", "modern.tools-list",
                "modern.header-mismatch", "modern.list-invariant", "modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405",
                "auth.authorization-server-metadata",
            ])
            #expect(modern.outcome == .passed)
            #expect(legacy.outcome == .passed)
        }
    }

    @Test func anEraTheServerDoesNotSpeakIsSkippedWithTheReason() async throws {
        let config = try Self.jwtConfiguration(stateless: true, eras: [.legacy2025])
        try await withTestServer(config, handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(report.speaksModern == false)
            let discover = report.results.first { $0.id == "modern.discover" }
            #expect(discover?.verdict == .skip(Skip("the server does not speak 2026-07-28 (server/discover was refused)", .modernEra)))
            #expect(discover?.skipCounts == nil, "a 404 to server/discover shows the era is not spoken")
            #expect(report.outcome == .passed)
        }
    }

    // MARK: Proofs that the suite can fail

    @Test func aStatefulOnlyServerFailsExactlyTheStatelessCases() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: false), handler: ExampleServer.make().handler(stateless: false)) { server in
            let report = try await Self.run(server.url, expect: .stateless)
            #expect(report.failedIDs == ["stateless.no-session-id", "stateless.client-session-ignored", "stateless.no-initialize-needed", "stateless.get-405"], "\(TextReport(report).render(colors: false))")
            #expect(report.outcome == .failed(["failed: stateless.no-session-id, stateless.client-session-ignored, stateless.no-initialize-needed, stateless.get-405"]))
        }
    }

    @Test func wildcardCORSWithCredentialsFails() async throws {
        try await withFlaw(.wildcardCORSWithCredentials) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["cors.preflight-allows-auth", "cors.no-wildcard-with-credentials"], "\(TextReport(report).render(colors: false))")
        }
    }

    @Test func authenticatingOnlyAtInitializeFails() async throws {
        try await withFlaw(.authenticatesOnlyAtInitialize(validToken: Self.token("alice", audience: "acceptance"))) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == [
                "auth.required", "auth.no-token-401", "auth.invalid-token-401", "auth.wrong-audience-401", "auth.challenge-syntax", "auth.scope-step-up",
                "auth.every-request", "auth.identity-per-request", "auth.resource-metadata",
            ], "\(TextReport(report).render(colors: false))")
        }
    }

    @Test func aChallengeWithoutResourceMetadataFails() async throws {
        try await withFlaw(.noResourceMetadata) { url in
            let report = try await Self.run(url)
            // The step-up 403 loses its resource_metadata too.
            #expect(report.failedIDs == ["auth.no-token-401", "auth.scope-step-up", "auth.resource-metadata"], "\(TextReport(report).render(colors: false))")
        }
    }

    @Test func reportsRenderEvidence() async throws {
        try await withFlaw(.noResourceMetadata) { url in
            let report = try await Self.run(url)
            let text = TextReport(report).render(colors: false)
            #expect(text.contains("""
                FAIL  auth.no-token-401                   A request without a token is refused with 401 and a Bearer challenge naming the protected-resource metadata.
                      expected: a resource_metadata parameter in the challenge
                      request:  POST \(url) [Content-Type: application/json; Accept: application/json, text/event-stream; MCP-Protocol-Version: 2025-06-18] {"id":10,"jsonrpc":"2.0","method":"tools/list","params":{}}
                      status:   401
                """))
            #expect(text.hasSuffix("\(report.passed) passed, 3 failed, 7 skipped: FAIL\n  - failed: auth.no-token-401, auth.scope-step-up, auth.resource-metadata\n"))
            let json = JSONReport(report).json
            #expect(json["schemaVersion"] == 3)
            #expect(json["verdict"] == "fail")
            #expect(json["reasons"] == ["failed: auth.no-token-401, auth.scope-step-up, auth.resource-metadata"])
            #expect(json["summary"] == ["passed": .int(report.passed), "failed": 3, "skipped": 7, "skipsThatCount": 0])
            let failed = json["results"]?.arrayValue?.first { $0["id"] == "auth.no-token-401" }
            #expect(failed?["evidence"]?["status"] == 401)
            #expect(failed?["evidence"]?["headers"]?["www-authenticate"] == "Bearer")
            let skipped = json["results"]?.arrayValue?.first { $0["id"] == "stateful.session-issued" }
            #expect(skipped?["precondition"] == "notSelected")
            #expect(skipped?["counts"] == false)
            let junit = JUnitReport(report).render()
            #expect(junit.contains(#"<testsuite name="mcp-acceptance" tests="\#(report.results.count)" failures="3" skipped="7""#))
            #expect(junit.contains(#"<failure message="expected a resource_metadata parameter in the challenge">A request without a token"#))
        }
    }

    @Test func aServerThatAnswersAForeignHostFails() async throws {
        try await withFlaw(.ignoresForeignHost) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["security.foreign-host-403"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "security.foreign-host-403") else { return }
            #expect(evidence.status == 200)
            #expect(evidence.request.contains("Host: rebinding.attacker.example"))
        }
    }

    @Test func aServerThatGuessesAtUnsupportedVersionsFails() async throws {
        try await withFlaw(.acceptsAnyProtocolVersion) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["transport.protocol-version-400"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "transport.protocol-version-400") else { return }
            #expect(evidence.expected == "400 Bad Request for MCP-Protocol-Version: invalid-protocol-version")
            #expect(evidence.status == 200)
        }
    }

    @Test func aServerThatAcceptsBatchesFails() async throws {
        try await withFlaw(.acceptsBatches) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["transport.batch-rejected"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "transport.batch-rejected") else { return }
            #expect(evidence.status == 200)
            #expect(evidence.bodyExcerpt == #"[{"id":901,"jsonrpc":"2.0","result":{}},{"id":902,"jsonrpc":"2.0","result":{}}]"#)
        }
    }

    @Test func a401WithoutAJSONBodyPassesWithANote() async throws {
        try await withFlaw(.plainTextUnauthorized) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(verdict(report, "auth.challenge-syntax") == .passWithNote(
                "the 401 for no token has no JSON body (it SHOULD carry a JSON-RPC or OAuth error); the 401 for an invalid token has no JSON body (it SHOULD carry a JSON-RPC or OAuth error)"))
            #expect(JSONReport(report).json["results"]?.arrayValue?.first { $0["id"] == "auth.challenge-syntax" }?["note"] != nil)
        }
    }

    @Test func aChallengeThatDoesNotParseFails() async throws {
        try await withFlaw(.unparsableChallenge) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs.contains("auth.challenge-syntax"), "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "auth.challenge-syntax") else { return }
            #expect(evidence.expected == "a WWW-Authenticate value that parses as RFC 9110 challenges (no token)")
        }
    }

    @Test func aScopeRefusalWithoutAStepUpChallengeFails() async throws {
        try await withFlaw(.scopeRefusalWithoutChallenge) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["auth.scope-step-up"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "auth.scope-step-up") else { return }
            #expect(evidence.status == 403)
            #expect(evidence.expected == #"WWW-Authenticate: Bearer error="insufficient_scope""#)
        }
    }

    @Test func refusedCancellationsFail() async throws {
        try await withFlaw(.refusesCancellations) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["transport.notification-202", "transport.survives-cancellations"], "\(TextReport(report).render(colors: false))")
        }
    }

    @Test func aDeleteThatDoesNotEndTheSessionFails() async throws {
        try await withFlaw(.ignoresDelete, stateless: false) { url in
            let report = try await Self.run(url, expect: .stateful)
            #expect(report.failedIDs == ["stateful.delete-ends-session"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "stateful.delete-ends-session") else { return }
            #expect(evidence.status == 200)
            #expect(evidence.expected == "404 for the ended session")
        }
    }

    @Test func aListThatChangesBetweenRequestsFails() async throws {
        try await withFlaw(.listVaries(FlawProxy.Counter())) { url in
            let report = try await Self.run(url, eras: .modern)
            #expect(report.failedIDs == ["modern.list-invariant"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "modern.list-invariant") else { return }
            #expect(evidence.expected.hasPrefix("the same tools as the first time: ["))
        }
    }

    @Test func aResponseAnsweredLikeARequestFails() async throws {
        try await withFlaw(.answersResponses) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["transport.response-202"], "\(TextReport(report).render(colors: false))")
        }
    }

    @Test func aMislabelledReplyFails() async throws {
        try await withFlaw(.mislabelsJSON) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs.contains("transport.reply-content-type"), "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "transport.reply-content-type") else { return }
            #expect(evidence.headers["content-type"] == "text/html")
        }
    }

    /// Our server speaks both eras, so the checks for 2026-only servers skip (without counting);
    /// behind a proxy that refuses `initialize` they run, pass, and each fails on its flaw.
    @Test func theChecksFor2026OnlyServersRunOnlyOnThemAndCanFail() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url)
            for id in ["modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405"] {
                guard case .skip(let skip) = verdict(report, id) else { Issue.record("\(id) did not skip"); continue }
                #expect(skip.reason.hasPrefix("the server also speaks the 2025 era"))
                #expect(skip.precondition == .modernOnlyServer)
            }
            #expect(verdict(report, "modern.list-invariant") == .pass)
            #expect(verdict(report, "transport.reply-content-type") == .pass)
            #expect(report.succeeded, "\(TextReport(report).render(colors: false))")
        }
        try await withFlaw(.modernOnly(.none)) { url in
            let report = try await Self.run(url)
            for id in ["modern.session-id-ignored", "modern.last-event-id-ignored", "modern.get-delete-405", "modern.list-invariant"] {
                #expect(verdict(report, id) == .pass, "\(id): \(TextReport(report).render(colors: false))")
            }
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
        }
        for (flaw, failing) in [
            (FlawProxy.ModernOnlyFlaw.echoesSessionID, "modern.session-id-ignored"), (.refusesLastEventID, "modern.last-event-id-ignored"),
            (.acceptsDelete, "modern.get-delete-405"),
        ] {
            try await withFlaw(.modernOnly(flaw)) { url in
                let report = try await Self.run(url)
                #expect(report.failedIDs.contains(failing), "\(flaw): \(TextReport(report).render(colors: false))")
                #expect(!report.succeeded)
            }
        }
    }

    @Test func progressArrivesBeforeTheResultInBothEras() async throws {
        let facade = ExampleServer.make()
        facade.tool("count", description: "Counts to three, reporting progress.") { (_: NoArguments, context) in
            for step in 1...3 { await context.progress(Double(step), total: 3) }
            return "counted"
        }
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: facade.handler(stateless: true)) { server in
            for eras in [AcceptanceConfiguration.Eras.legacy, .modern] {
                let report = try await Self.run(server.url, eras: eras) { $0.progressTool = "count" }
                #expect(verdict(report, "transport.progress-before-result") == .pass, "\(eras): \(TextReport(report).render(colors: false))")
            }
            let silent = try await Self.run(server.url) {
                $0.progressTool = "echo"
                $0.progressToolArguments = ["text": "no progress here"]
            }
            guard case .fail(let evidence) = verdict(silent, "transport.progress-before-result") else { Issue.record("a tool without progress passed"); return }
            #expect(evidence.expected == "200 with an event stream (text/event-stream)"
                || evidence.expected == #"notifications/progress carrying progressToken "acceptance-progress" before the result"#)
        }
    }

    @Test func crossWiredRepliesFail() async throws {
        try await withFlaw(.crossWiresEqualIDs(FlawProxy.CrossWire())) { url in
            let report = try await Self.run(url, eras: .modern)
            #expect(report.failedIDs == ["transport.same-id-isolated"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "transport.same-id-isolated") else { return }
            #expect(evidence.expected.hasPrefix("the reply to this "))
        }
    }

    @Test func rebindingCasesApplyOnlyToLoopbackHosts() {
        for host in ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"] { #expect(RebindingCases.isLoopback(host), "\(host)") }
        for host in ["127.example.com", "127.0.0.1.nip.io", "mcp.example.com", "10.0.0.1", "127.0.0.256"] {
            #expect(!RebindingCases.isLoopback(host), "\(host)")
        }
    }

    // MARK: Verdicts for the whole run

    @Test func aServerThatIsNotMCPGetsOneVerdictAndNoCases() async throws {
        let app = try await LoopbackApp.start { _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"ok": true}"#)))
        }
        try await withLoopbackApp(app) { app in
            let report = try await Self.run(app.url)
            #expect(report.results.isEmpty)
            guard case .notMCP(let reason) = report.outcome else { Issue.record("\(report.outcome)"); return }
            #expect(reason.hasPrefix("not an MCP endpoint: no JSON-RPC reply to a 2025 initialize, a 2026 server/discover or tools/list (initialize: 200 application/json {\"ok\": true}; "))
            #expect(report.outcome.exitStatus == 1)
            #expect(JSONReport(report).json["verdict"] == "not-mcp")
        }
    }

    /// The cases a run without an accepted token still runs, in order.
    static let tokenlessIDs = ["auth.required", "auth.no-token-401", "auth.invalid-token-401", "auth.wrong-audience-401", "auth.challenge-syntax", "auth.resource-metadata"]

    @Test func aProtectedServerWithoutATokenRunsTheTokenlessCasesThenStops() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url, withTokens: false)
            #expect(report.results.map(\.id) == Self.tokenlessIDs)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(verdict(report, "auth.wrong-audience-401") == .skip(Skip("no --wrong-audience-token given", .notSelected)))
            guard case .tokenRequired(let reason) = report.outcome else { Issue.record("\(report.outcome)"); return }
            #expect(reason.hasPrefix("the server requires a bearer token (401 to initialize: WWW-Authenticate: Bearer resource_metadata="))
            #expect(reason.hasSuffix(
                "): pass --token; passed without one: auth.required, auth.no-token-401, auth.invalid-token-401, auth.challenge-syntax, auth.resource-metadata"))
            #expect(report.outcome.exitStatus == 2)
            #expect(report.summary == "5 passed, 0 failed, 1 skipped: TOKEN-REQUIRED")
        }
    }

    @Test func aProtectedServerWithABrokenChallengeFailsWithoutAToken() async throws {
        try await withFlaw(.noResourceMetadata) { url in
            let report = try await Self.run(url, withTokens: false)
            #expect(report.failedIDs == ["auth.no-token-401", "auth.resource-metadata"], "\(TextReport(report).render(colors: false))")
            guard case .failed(let reasons) = report.outcome else { Issue.record("\(report.outcome)"); return }
            #expect(reasons.first == "failed without a token: auth.no-token-401, auth.resource-metadata")
            #expect(reasons.last?.hasPrefix("the server requires a bearer token (401 to initialize: WWW-Authenticate: Bearer") == true)
            #expect(report.outcome.exitStatus == 1)
        }
    }

    /// A token the server rejects ends in one verdict with the server's own reason, not in a
    /// cascade of unrelated failures.
    @Test func aRejectedTokenIsOneVerdictWithTheServersReason() async throws {
        let expired = TestTokens.hs256(
            secret: Self.secret, claims: ["sub": "alice", "iss": .string(Self.issuer), "aud": "acceptance", "scope": "mcp:read", "exp": .int(Int(Date().timeIntervalSince1970) - 3600)])
        let rejected: [(String, String, String)] = [
            ("expired", expired, "\"the token has expired\""),
            ("empty", "", "\"the Bearer credentials are empty\""),  // RFC 6750 §3.1: invalid_request, 400
            ("wrong audience", Self.token("alice", audience: "another-service"), "\"the token is not meant for this resource (aud)\""),
        ]
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            for (label, token, reason) in rejected {
                let report = try await Self.run(server.url) { $0.token = token }
                let text = TextReport(report).render(colors: false)
                #expect(report.results.map(\.id) == Self.tokenlessIDs, "\(label): \(text)")
                #expect(report.failedIDs == [], "\(label): \(text)")
                guard case .tokenRejected(let said) = report.outcome else { Issue.record("\(label): \(report.outcome)"); continue }
                let status = label == "empty" ? "400" : "401"
                #expect(said.hasPrefix("the server rejected --token: \(reason) (\(status) to initialize: WWW-Authenticate: Bearer "), "\(label): \(said)")
                #expect(said.hasSuffix("; only the cases that need no accepted token ran"), "\(label): \(said)")
                #expect(report.outcome.exitStatus == 2)
                #expect(report.summary.hasSuffix(": TOKEN-REJECTED"))
                #expect(report.outcome.reasons.count == 1)
                #expect(JSONReport(report).json["verdict"] == "token-rejected")
                #expect(JSONReport(report).json["detection"]?["challengeReason"] == .string(String(reason.dropFirst().dropLast())))
            }
        }
    }

    /// A 403 to the token is a refusal of what it may do, not a rejection of the token: a server
    /// answering every probe 403 `insufficient_scope` runs the cases (and fails them), it never
    /// ends `token-rejected`.
    @Test func aForbiddenTokenIsNotARejection() async throws {
        let app = try await LoopbackApp.start { _ in
            Response(
                status: .forbidden,
                headers: [.contentType: "application/json", .wwwAuthenticate: #"Bearer error="insufficient_scope", scope="mcp:admin""#],
                body: .init(byteBuffer: ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"Forbidden"}}"#)))
        }
        try await withLoopbackApp(app) { app in
            let report = try await Self.run(app.url)
            #expect(report.detection.bearerChallenge == nil)
            #expect(report.detection.jsonRPCSeen)
            guard case .failed = report.outcome else { Issue.record("\(report.outcome)"); return }
            #expect(report.results.count == AcceptanceSuite.cases.count, "every case ran")
        }
    }

    @Test func aSkipCountsWhenTheRunSawItsPreconditionHold() async throws {
        try await withFlaw(.refusesInitialize) { url in
            let report = try await Self.run(url)
            let counted = report.results.filter { $0.skipCounts != nil }.map(\.id)
            #expect(counted == [
                "transport.response-202", "transport.protocol-version-400", "stateless.no-session-id", "stateless.client-session-ignored",
                "stateless.no-initialize-needed", "stateless.get-405", "legacy.initialize-then-list",
            ])
            #expect(report.results.first { $0.id == "stateless.get-405" }?.skipCounts == "initialize was answered 401, which hides whether the 2025 era is spoken")
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(report.outcome.reasons.count == 7)
            #expect(report.outcome.reasons[2] == "stateless.no-session-id was skipped (the server does not speak the 2025 era (initialize was refused)) although initialize was answered 401, which hides whether the 2025 era is spoken")
            #expect(TextReport(report).render(colors: false).contains("      counts as a failure: initialize was answered 401"))
        }
    }

    @Test func aModeNoPassingCaseProvedFailsTheRun() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: false), handler: ExampleServer.make().handler(stateless: false)) { server in
            let report = try await Self.run(server.url, expect: .stateful, eras: .modern)
            #expect(report.failedIDs == [], "\(TextReport(report).render(colors: false))")
            #expect(report.skipsThatCount == 0)
            #expect(report.outcome == .failed(["no passing case proved the server stateful (stateful.session-issued did not pass)"]))
        }
    }

    @Test func aNamedIdentityToolThatIsNotListedCounts() async throws {
        try await withTestServer(try Self.jwtConfiguration(stateless: true), handler: ExampleServer.make().handler(stateless: true)) { server in
            let report = try await Self.run(server.url) { $0.identityTool = "no-such-tool" }
            let identity = report.results.first { $0.id == "auth.identity-per-request" }
            #expect(identity?.skipCounts == "--identity-tool no-such-tool was named")
            #expect(!report.succeeded)
            let byDefault = try await Self.run(server.url) { $0.identityTool = "whoami"; $0.identityToolArguments = [:] }
            #expect(verdict(byDefault, "auth.identity-per-request") == .pass)
        }
    }

    // MARK: Bounded time

    @Test func anEndlessStreamAndATricklingBodyFailTheirCasesWithinTheTimeout() async throws {
        try await withFlaw(.hangs) { url in
            // Only the two cases that meet the hang, with a timeout long enough for the ordinary
            // exchanges on a loaded machine.
            var configuration = AcceptanceConfiguration(endpoint: url, token: Self.token("alice", audience: "acceptance"), timeout: .seconds(5))
            configuration.secondToken = nil
            let report = try await AcceptanceSuite(configuration: configuration).run(only: ["transport.content-type-415", "stateless.get-405"])
            #expect(report.failedIDs == ["transport.content-type-415", "stateless.get-405"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let endless) = verdict(report, "stateless.get-405") else { Issue.record("not a failure"); return }
            #expect(endless.status == 200)
            #expect(endless.headers["content-type"] == "text/event-stream")
            #expect(endless.bodyExcerpt.hasPrefix("the response did not end within 5 s (--timeout): an endless stream or a trickling body; received: : open⏎⏎"))
            #expect(endless.request.hasPrefix("GET \(url) [Accept: text/event-stream"))
            guard case .fail(let trickle) = verdict(report, "transport.content-type-415") else { Issue.record("not a failure"); return }
            #expect(trickle.status == 415)
            #expect(trickle.bodyExcerpt.hasPrefix("the response did not end within 5 s (--timeout): an endless stream or a trickling body; received:  "))
        }
    }

    @Test func theWholeRunHasACeiling() async throws {
        try await withFlaw(.hangs) { url in
            let report = try await Self.run(url) {
                $0.timeout = .seconds(30)
                $0.totalTimeout = .seconds(2)
            }
            #expect(report.failedIDs.contains("transport.content-type-415"))
            guard case .fail(let cut) = verdict(report, "transport.content-type-415") else { Issue.record("not a failure"); return }
            #expect(cut.expected == "the case to finish before the run's ceiling of 2 s (--total-timeout)")
            // Cut while it hung, or (on a loaded machine, when the first case took the 2 s) never started.
            #expect(["(cut while running: the ceiling was reached)", "(not started: the ceiling was reached before this case)"].contains(cut.request))
            // Every case after the cut fails unstarted: none is skipped or passed.
            let after = report.results.drop { $0.id != "transport.content-type-415" }.dropFirst()
            #expect(!after.isEmpty)
            for result in after {
                guard case .fail(let evidence) = result.verdict else { Issue.record("\(result.id) did not fail"); continue }
                #expect(evidence.request == "(not started: the ceiling was reached before this case)", "\(result.id)")
            }
            #expect(!report.succeeded)
        }
    }

    // MARK: Former false passes

    @Test func metadataWithoutAuthorizationServersFails() async throws {
        try await withFlaw(.emptyAuthorizationServers) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["auth.resource-metadata"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "auth.resource-metadata") else { return }
            #expect(evidence.expected == #"a non-empty "authorization_servers" array"#)
            #expect(evidence.bodyExcerpt.contains(#""authorization_servers":[]"#))
        }
    }

    @Test func aRefusedPreflightIsNoEvidenceOfSafeCORS() async throws {
        try await withFlaw(.preflightRefused) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["cors.preflight-allows-auth", "cors.no-wildcard-with-credentials"], "\(TextReport(report).render(colors: false))")
            guard case .fail(let evidence) = verdict(report, "cors.no-wildcard-with-credentials") else { return }
            #expect(evidence.status == 405)
            #expect(evidence.expected == "a 2xx preflight with Access-Control-Allow-Origin to inspect")
        }
    }

    @Test func aParseError400WithoutAJSONRPCCodeFails() async throws {
        try await withFlaw(.parseErrorWithoutCode) { url in
            let report = try await Self.run(url)
            #expect(report.failedIDs == ["transport.parse-error-400"], "\(TextReport(report).render(colors: false))")
        }
    }

    // MARK: Authorization server metadata

    @Test func authorizationServerMetadataIsFetchedWhenAsked() async throws {
        let issuerName = Mutex<String>("")
        let authorizationServer = try await LoopbackApp.start { request in
            guard request.uri.path == "/.well-known/oauth-authorization-server" else { return Response(status: .notFound) }
            let issuer = issuerName.withLock { $0 }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"issuer": "\#(issuer)", "token_endpoint": "\#(issuer)/token"}"#)))
        }
        try await withLoopbackApp(authorizationServer) { authorizationServer in
            let configuration = try Self.jwtConfiguration(stateless: true, authorizationServer: authorizationServer.base)
            try await withTestServer(configuration, handler: ExampleServer.make().handler(stateless: true)) { server in
                issuerName.withLock { $0 = authorizationServer.base }
                let good = try await Self.run(server.url) { $0.checkAuthorizationServers = true }
                #expect(verdict(good, "auth.authorization-server-metadata") == .pass)
                #expect(verdict(good, "auth.resource-metadata") == .pass)
                issuerName.withLock { $0 = "https://someone-else.test" }
                let wrong = try await Self.run(server.url) { $0.checkAuthorizationServers = true }
                guard case .fail(let evidence) = verdict(wrong, "auth.authorization-server-metadata") else { Issue.record("not a failure"); return }
                #expect(evidence.expected == "a JSON document whose \"issuer\" is \(authorizationServer.base)")
                #expect(evidence.request == "GET \(authorizationServer.base)/.well-known/oauth-authorization-server [Accept: application/json]")
            }
        }
    }

    @Test func resourceURLsCompareAfterNormalisation() {
        #expect(ResourceURL.match(resource: "HTTPS://MCP.Example.com:443/mcp/", endpoint: "https://mcp.example.com/mcp") == .same)
        #expect(ResourceURL.match(resource: "https://mcp.example.com", endpoint: "https://mcp.example.com/mcp") == .pathPrefix)
        #expect(ResourceURL.match(resource: "https://mcp.example.com/api", endpoint: "https://mcp.example.com/api/mcp") == .pathPrefix)
        #expect(ResourceURL.match(resource: "https://mcp.example.com/ap", endpoint: "https://mcp.example.com/api/mcp") == .different)
        #expect(ResourceURL.match(resource: "https://mcp.example.com:8443/mcp", endpoint: "https://mcp.example.com/mcp") == .different)
        #expect(ResourceURL.match(resource: "http://mcp.example.com/mcp", endpoint: "https://mcp.example.com/mcp") == .different)
        #expect(ResourceURL.match(resource: "/mcp", endpoint: "https://mcp.example.com/mcp") == .different)
        #expect(ResourceURL.isAcceptableAuthorizationServer("https://as.example.com/tenant"))
        #expect(ResourceURL.isAcceptableAuthorizationServer("http://127.0.0.1:9000"))
        #expect(!ResourceURL.isAcceptableAuthorizationServer("http://as.example.com"))
        #expect(!ResourceURL.isAcceptableAuthorizationServer("as.example.com"))
        #expect(ResourceURL.authorizationServerMetadataURLs("https://as.example.com/tenant/") == [
            "https://as.example.com/.well-known/oauth-authorization-server/tenant", "https://as.example.com/tenant/.well-known/openid-configuration",
        ])
    }

    func withFlaw(_ flaw: FlawProxy.Flaw, stateless: Bool = true, allowedOrigins: [String]? = nil, _ body: (String) async throws -> Void) async throws {
        var configuration = try Self.jwtConfiguration(stateless: stateless)
        configuration.allowedOrigins = allowedOrigins
        // The flaw proxy sends X-Forwarded-Host, as a real reverse proxy does, and the resource is
        // the URL clients use: the proxy's.
        configuration.trustedProxies = ["127.0.0.1"]
        configuration.resourceFromHost = true
        try await withTestServer(configuration, handler: ExampleServer.make().handler(stateless: stateless)) { server in
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
