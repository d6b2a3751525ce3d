import NIOCore
import AsyncHTTPClient
import MCPCore

/// Runs the acceptance cases against one endpoint.
///
/// ```swift
/// let report = try await AcceptanceSuite(configuration: .init(endpoint: "http://127.0.0.1:8080/mcp", token: token)).run()
/// print(TextReport(report).render(colors: false))
/// ```
public struct AcceptanceSuite: Sendable {
    /// Every case, in the order they run.
    public static let cases: [AcceptanceCase] =
        TransportCases.all + ModeCases.all + AuthCases.all + CORSCases.all + EraCases.all

    public let configuration: AcceptanceConfiguration

    public init(configuration: AcceptanceConfiguration) {
        self.configuration = configuration
    }

    /// The server could not be reached at all.
    public struct ConnectionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Detects the eras the server speaks, then runs every case.
    public func run(only ids: Set<String>? = nil) async throws -> AcceptanceReport {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.timeout = .init(connect: .seconds(5), read: .seconds(Int64(configuration.timeout.components.seconds)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        defer { Task { try? await client.shutdown() } }

        let probe = try await detect(client)
        var results: [CaseResult] = []
        for testCase in Self.cases where ids?.contains(testCase.id) ?? true {
            let start = ContinuousClock.now
            let verdict: Verdict
            do {
                verdict = try await testCase.body(probe)
            } catch {
                verdict = .fail(Evidence(expected: "a response", request: "(see case)", status: nil, headers: [:], bodyExcerpt: "request failed: \(error)"))
            }
            results.append(
                CaseResult(id: testCase.id, rationale: testCase.rationale, reference: testCase.reference, verdict: verdict, duration: ContinuousClock.now - start))
        }
        return AcceptanceReport(
            endpoint: configuration.endpoint, expect: configuration.expect, eras: configuration.eras,
            speaksLegacy: probe.speaksLegacy, speaksModern: probe.speaksModern, results: results)
    }

    private func detect(_ client: HTTPClient) async throws -> Probe {
        let bare = Probe(configuration: configuration, client: client, speaksLegacy: false, speaksModern: false, toolNames: [])
        let legacy: Exchange
        do {
            legacy = try await bare.legacyPost(Probe.initializeBody, token: configuration.token)
        } catch {
            throw ConnectionError(description: "cannot reach \(configuration.endpoint): \(error)")
        }
        let speaksLegacy = legacy.status == 200 && legacy.result?["protocolVersion"]?.stringValue != nil
        let modern = try? await bare.modernPost(0, "server/discover", token: configuration.token)
        let speaksModern = modern?.status == 200 && modern?.result?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true
        let detected = Probe(configuration: configuration, client: client, speaksLegacy: speaksLegacy, speaksModern: speaksModern, toolNames: [])
        let list = try? await detected.call(0, "tools/list", params: [:], token: configuration.token)
        let names = list?.result?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        return Probe(configuration: configuration, client: client, speaksLegacy: speaksLegacy, speaksModern: speaksModern, toolNames: names)
    }
}
