import ExampleServers
import FastMCP
import Foundation
import NotesExample
@testable import MCPAcceptance
@testable import MCPAcceptanceBrowser
import Testing
import TestSupport

/// Where the browser cases' Chromium comes from. Under `CI=true` a missing browser fails the
/// tests (the test command installs it); locally they are skipped, naming why.
enum BrowserTest {
    /// Whether the browser tests run: a browser is on PATH, or CI demands them (and then fails).
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || (try? Browser.find()) != nil
    }

    /// The browser, or the failure that names what to install.
    static func located() async throws -> Browser { try await Browser.locate() }
}

/// The browser cases against our own server in each mode and era, and one broken variant per
/// case, each failing with what the browser saw.
@Suite(.serialized, .enabled(if: BrowserTest.enabled, "no Chromium on PATH (apt-get install chromium; scripts/test.sh installs it)"), .timeLimit(.minutes(5)))
struct BrowserAcceptanceTests {
    static let origin = "https://app.example.com"

    /// The example server with JWT auth, allowing ``origin``.
    static func configuration(stateless: Bool, cors: (inout CORSOptions) -> Void = { _ in }) throws -> MCPProxyConfiguration {
        var configuration = try AcceptanceSuiteTests.jwtConfiguration(stateless: stateless)
        configuration.allowedOrigins = [origin]
        cors(&configuration.cors)
        return configuration
    }

    /// Only the browser cases, from ``origin``.
    static func run(_ url: String, expect: AcceptanceConfiguration.Mode = .stateless, eras: AcceptanceConfiguration.Eras = .both) async throws -> AcceptanceReport {
        let probe = try await BrowserProbe(browser: try await BrowserTest.located(), origin: origin)
        var configuration = AcceptanceConfiguration(
            endpoint: url, token: AcceptanceSuiteTests.token("alice", audience: "acceptance"), origin: origin, eras: eras, expect: expect)
        configuration.timeout = .seconds(10)
        let report = try await AcceptanceSuite(configuration: configuration).run(only: Set(BrowserCases.ids), adding: BrowserCases.all(probe))
        await probe.shutdown()
        return report
    }

    static func serve(_ configuration: MCPProxyConfiguration, stateless: Bool, _ body: (String) async throws -> Void) async throws {
        try await withTestServer(configuration, handler: ExampleServer.make().handler(stateless: stateless)) { server in
            try await body(server.url)
        }
    }

    func verdict(_ report: AcceptanceReport, _ id: String) -> Verdict? { report.results.first { $0.id == id }?.verdict }

    func evidence(_ report: AcceptanceReport, _ id: String) throws -> Evidence {
        guard case .fail(let evidence) = verdict(report, id) else {
            throw TestFailure("\(id) did not fail: \(String(describing: verdict(report, id)))")
        }
        return evidence
    }

    @Test func theStatelessServerPassesEveryBrowserCaseInBothEras() async throws {
        try await Self.serve(try Self.configuration(stateless: true), stateless: true) { url in
            let report = try await Self.run(url)
            #expect(report.outcome == .passed, "\(TextReport(report).render(colors: false))")
            #expect(report.results.map(\.id) == BrowserCases.ids)
            for id in BrowserCases.ids where id != "browser.session-id-readable" {
                guard case .passWithNote(let note) = verdict(report, id) else {
                    Issue.record("\(id): \(String(describing: verdict(report, id)))")
                    continue
                }
                #expect(note.hasPrefix("Chromium "), "\(note)")
            }
            guard case .passWithNote(let call) = verdict(report, "browser.call-with-authorization") else { return }
            #expect(call.contains("2025 initialize: omit → 200"))
            #expect(call.contains("2026-07-28 tools/list: omit → 200"))
            #expect(call.contains("credentials \"include\" is refused because the server sends no Access-Control-Allow-Credentials: true"))
            guard case .passWithNote(let challenge) = verdict(report, "browser.401-readable") else { return }
            #expect(challenge.contains("2026-07-28 tools/list with a bad token: omit → 401, www-authenticate readable"))
            guard case .passWithNote(let foreign) = verdict(report, "browser.foreign-origin-blocked") else { return }
            #expect(foreign.contains("from https://accept-foreign.invalid fetch threw"))
            #expect(foreign.contains("a raw request from it got no Access-Control-Allow-Origin"))
            guard case .skip(let skip) = verdict(report, "browser.session-id-readable") else { return }
            #expect(skip.precondition == .notSelected)
        }
    }

    @Test func theStatefulServerShowsItsSessionIDToTheBrowser() async throws {
        try await Self.serve(try Self.configuration(stateless: false), stateless: false) { url in
            let report = try await Self.run(url, expect: .stateful)
            #expect(report.outcome == .passed, "\(TextReport(report).render(colors: false))")
            guard case .passWithNote(let note) = verdict(report, "browser.session-id-readable") else {
                Issue.record("\(String(describing: verdict(report, "browser.session-id-readable")))")
                return
            }
            #expect(note.contains("2025 initialize: omit → 200, mcp-session-id readable"))
        }
    }

    @Test func aServerThatAllowsCredentialsPassesInBothModes() async throws {
        try await Self.serve(try Self.configuration(stateless: true) { $0.allowCredentials = true }, stateless: true) { url in
            let report = try await Self.run(url, eras: .modern)
            #expect(report.outcome == .passed, "\(TextReport(report).render(colors: false))")
            guard case .passWithNote(let note) = verdict(report, "browser.call-with-authorization") else { return }
            #expect(note.contains("2026-07-28 tools/list: omit → 200; include → 200"), "\(note)")
            #expect(!note.contains("is refused"))
        }
    }

    @Test(arguments: [true, false])
    func theMountedNotesAppPassesInTheBrowser(stateless: Bool) async throws {
        var configuration = try MountedEndpointTests.notesConfiguration(stateless: stateless)
        configuration.allowedOrigins = [Self.origin]
        let (router, mcp) = try NotesApp.router(configuration: configuration, logger: TestServer.quietLogger)
        let app = try await startHostApp(router, services: [mcp])
        let report = try await Self.run(app.base + "/mcp", expect: stateless ? .stateless : .stateful)
        await app.stop()
        #expect(report.outcome == .passed, "\(TextReport(report).render(colors: false))")
        #expect(report.results.map(\.verdict.label) == ["pass", stateless ? "skip" : "pass", "pass", "pass", "pass"])
    }

    @Test func authorizationMissingFromAllowHeadersFailsTheCall() async throws {
        let configuration = try Self.configuration(stateless: true) { $0.allowedHeaders.removeAll { $0 == "Authorization" } }
        try await Self.serve(configuration, stateless: true) { url in
            let report = try await Self.run(url, eras: .modern)
            let evidence = try evidence(report, "browser.call-with-authorization")
            #expect(evidence.request.contains("credentials \"omit\""))
            #expect(evidence.request.hasPrefix("Chromium "))
            #expect(evidence.status == nil)
            #expect(evidence.bodyExcerpt.contains("fetch threw TypeError"))
            #expect(evidence.bodyExcerpt.contains("the preflight's Access-Control-Allow-Headers lacks authorization"))
        }
    }

    @Test func aSessionIDThatIsNotExposedFails() async throws {
        let configuration = try Self.configuration(stateless: false) { $0.exposedHeaders.removeAll { $0 == "Mcp-Session-Id" } }
        try await Self.serve(configuration, stateless: false) { url in
            let report = try await Self.run(url, expect: .stateful, eras: .legacy)
            let evidence = try evidence(report, "browser.session-id-readable")
            #expect(evidence.status == 200)
            #expect(evidence.headers["mcp-session-id"] == "(not readable)")
            #expect(evidence.request.contains("credentials \"omit\""))
            #expect(verdict(report, "browser.call-with-authorization")?.passed == true)
        }
    }

    @Test func aChallengeThatIsNotExposedFails() async throws {
        let configuration = try Self.configuration(stateless: true) { $0.exposedHeaders.removeAll { $0 == "WWW-Authenticate" } }
        try await Self.serve(configuration, stateless: true) { url in
            let report = try await Self.run(url)
            let evidence = try evidence(report, "browser.401-readable")
            #expect(evidence.status == 401)
            #expect(evidence.headers["www-authenticate"] == "(not readable)")
            #expect(evidence.request.contains("without a token") || evidence.request.contains("fetch(POST"))
        }
    }

    @Test func mcpMethodThatIsNotAllowedFailsTheRoutingHeaders() async throws {
        let configuration = try Self.configuration(stateless: true) { $0.allowedHeaders.removeAll { $0 == "Mcp-Method" } }
        try await Self.serve(configuration, stateless: true) { url in
            let report = try await Self.run(url, eras: .modern)
            let evidence = try evidence(report, "browser.2026-headers")
            #expect(evidence.bodyExcerpt.contains("the preflight's Access-Control-Allow-Headers lacks mcp-method"))
        }
    }

    @Test func aWildcardWithCredentialsFailsInIncludeMode() async throws {
        try await AcceptanceSuiteTests().withFlaw(.wildcardCORSWithCredentials, allowedOrigins: [Self.origin]) { url in
            let report = try await Self.run(url, eras: .modern)
            let evidence = try evidence(report, "browser.call-with-authorization")
            #expect(evidence.request.contains("credentials \"include\""))
            #expect(evidence.bodyExcerpt.contains("Access-Control-Allow-Origin: * (never allowed with credentials)"))
        }
    }

    @Test func aServerThatReflectsEveryOriginFailsTheForeignOrigin() async throws {
        try await AcceptanceSuiteTests().withFlaw(.reflectsEveryOrigin, allowedOrigins: [Self.origin]) { url in
            let report = try await Self.run(url, eras: .modern)
            let evidence = try evidence(report, "browser.foreign-origin-blocked")
            #expect(evidence.request.contains("from a page of https://accept-foreign.invalid"))
            #expect(evidence.expected.contains("fetch to throw"))
            #expect(verdict(report, "browser.call-with-authorization")?.passed == true)
        }
    }
}

/// The browser driver's parts that need no browser.
@Suite struct BrowserProbePartsTests {
    @Test func originsTakeTheirSchemesDefaultPort() throws {
        let secure = try #require(PageOrigin("https://App.Example.com"))
        #expect(secure.port == 443)
        #expect(secure.description == "https://app.example.com")
        #expect(secure.mappingRule(to: 41000) == "MAP app.example.com:443 127.0.0.1:41000")
        let plain = try #require(PageOrigin("http://localhost:3000"))
        #expect(plain.description == "http://localhost:3000")
        #expect(plain.mappingRule(to: 41001) == "MAP localhost:3000 127.0.0.1:41001")
        #expect(PageOrigin("ftp://example.com") == nil)
        #expect(PageOrigin("app.example.com") == nil)
        #expect(PageOrigin.isLoopback("127.0.0.1") && PageOrigin.isLoopback("[::1]") && PageOrigin.isLoopback("localhost"))
        #expect(!PageOrigin.isLoopback("example.com"))
        #expect(!PageOrigin.isLoopback("127.example.com"))
        #expect(!PageOrigin.isLoopback("127.0.0.256"))
        #expect(PageOrigin.isLoopback("127.1.2.3"))
    }

    @Test func thePlanCannotEndItsScriptElement() {
        let step = BrowserStep(label: "</script><script>alert(1)</script>", url: "http://127.0.0.1/mcp", headers: [("Authorization", "Bearer </script>")], body: "{}")
        let html = ProbePage(steps: [step], read: [], timeoutMilliseconds: 1000, reportPath: "/report/x").html
        #expect(html.components(separatedBy: "</script>").count == 3)  // the plan's and the runner's, no more
        #expect(html.contains("\\u003c/script>\\u003cscript>alert(1)"))
    }

    @Test func reportsReachTheirWaiterAndNothingElseIsServed() async {
        let routes = ProbeRoutes()
        routes.register(page: "p1", html: "<p>hi</p>")
        #expect(routes.answer(method: .GET, uri: "/page/p1?x", body: nil, tooLarge: false).0 == .ok)
        #expect(routes.answer(method: .GET, uri: "/page/p2", body: nil, tooLarge: false).0 == .notFound)
        #expect(routes.answer(method: .POST, uri: "/report/p2", body: "{}", tooLarge: false).0 == .notFound)
        #expect(routes.answer(method: .POST, uri: "/report/p1", body: "{}", tooLarge: true).0 == .payloadTooLarge)
        #expect(routes.answer(method: .POST, uri: "/report/p1", body: #"{"observations":[]}"#, tooLarge: false).0 == .noContent)
        #expect(await routes.report(for: "p1") == #"{"observations":[]}"#)
        routes.forget(["p1"])
        #expect(routes.answer(method: .GET, uri: "/page/p1", body: nil, tooLarge: false).0 == .notFound)
        routes.register(page: "p1", html: "<p>again</p>")
        routes.close()
        #expect(await routes.report(for: "p1") == nil)
    }

    @Test func observationsAreReadFromThePagesReport() throws {
        let json = try JSONParser.parse(#"{"label":"2025 initialize","credentials":"include","status":401,"headers":{"WWW-Authenticate":null,"content-type":"application/json"},"body":"{}"}"#)
        let observation = try #require(BrowserObservation(json: json))
        #expect(observation.credentials == .include)
        #expect(observation.status == 401)
        #expect(observation.header("www-authenticate") == nil)
        #expect(observation.header("content-type") == "application/json")
        #expect(BrowserObservation(json: ["label": "x", "credentials": "same-origin"]) == nil)
    }

    @Test func noBrowserOnPathNamesThePackageToInstall() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-browser-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        await #expect(throws: BrowserError.notFound("no browser found: neither chromium nor chromium-browser is on PATH; install Chromium (Debian and Ubuntu: apt-get install chromium) or pass --browser-path")) {
            _ = try await Browser.locate(environment: ["PATH": empty])
        }
        await #expect(throws: BrowserError.notFound("--browser-path \(empty)/chromium is not an executable file")) {
            _ = try await Browser.locate(explicitPath: empty + "/chromium")
        }
    }

    @Test func aProgramThatIsNotABrowserIsRefused() async throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-browser-\(UUID().uuidString)").path
        try "#!/bin/sh\necho NotABrowser 1.0\n".write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        chmod(script, 0o755)
        await #expect(throws: BrowserError.notFound(#"\#(script) --version printed "NotABrowser 1.0": it does not look like a working Chromium"#)) {
            _ = try await Browser.locate(explicitPath: script)
        }
    }

    /// An https page calling plain http off loopback is blocked by the browser as mixed content,
    /// whatever CORS says: named as such, not as CORS. Loopback and https endpoints are not.
    @Test func mixedContentIsNamedAsSuch() async throws {
        let browser = try await BrowserProbe(browser: Browser(path: "/nonexistent", version: "Chromium 0"), origin: "https://app.example.com")
        defer { Task { await browser.shutdown() } }
        func blocked(_ endpoint: String) -> String? {
            let probe = Probe(configuration: AcceptanceConfiguration(endpoint: endpoint, origin: "https://app.example.com"), client: HTTP.client, detection: Detection())
            return BrowserRun(probe: probe, browser: browser).mixedContent(from: browser.origin)
        }
        #expect(
            blocked("http://mcp.example.com/mcp")
                == "the browser blocks it as mixed content, not CORS: a page of https://app.example.com (https) cannot fetch http://mcp.example.com/mcp (plain http, not loopback); serve the endpoint over https, or run with an http --origin")
        #expect(blocked("http://127.0.0.1:8080/mcp") == nil)
        #expect(blocked("http://localhost:8080/mcp") == nil)
        #expect(blocked("https://mcp.example.com/mcp") == nil)
    }
}
