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
        TransportCases.all + ModeCases.all + AuthCases.all + CORSCases.all + RebindingCases.all + EraCases.all + SessionlessCases.all

    /// What the suite runs against.
    public let configuration: AcceptanceConfiguration

    /// A suite that will run against `configuration`.
    public init(configuration: AcceptanceConfiguration) {
        self.configuration = configuration
    }

    /// The server could not be reached at all.
    public struct ConnectionError: Error, CustomStringConvertible {
        /// The URL and why it could not be reached.
        public var description: String
    }

    /// Detects what the server speaks, stops at once when the URL is not an MCP endpoint, then
    /// runs every case (or those in `ids`) within ``AcceptanceConfiguration/totalTimeout`` and
    /// judges the run. `extra` cases (the browser's, say) run after the suite's own, selected
    /// and judged the same way. When the server refuses the run's token — none was given and it asks
    /// for one, or it rejects the one given — only the cases that need no accepted token run
    /// (``AcceptanceReport/Outcome/tokenRequired(_:)``, ``AcceptanceReport/Outcome/tokenRejected(_:)``):
    /// every other case would fail for that one reason.
    public func run(only ids: Set<String>? = nil, adding extra: [AcceptanceCase] = []) async throws -> AcceptanceReport {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.timeout = .init(connect: .seconds(5), read: .seconds(max(1, configuration.timeout.components.seconds)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        defer { Task { try? await client.shutdown() } }

        let detection = try await detect(client)
        let authChecked = !configuration.expectNoAuth
        func report(_ results: [CaseResult], _ outcome: AcceptanceReport.Outcome) -> AcceptanceReport {
            var report = AcceptanceReport(
                endpoint: configuration.endpoint, expect: configuration.expect, eras: configuration.eras, detection: detection,
                results: results, outcome: outcome)
            report.authChecked = authChecked
            return report
        }
        let seen = detection.seen.joined(separator: "; ")
        if !detection.jsonRPCSeen, detection.bearerChallenge == nil {
            return report([], .notMCP("not an MCP endpoint: no JSON-RPC reply to a 2025 initialize, a 2026 server/discover or tools/list (\(seen))"))
        }
        if configuration.expectNoAuth, let challenge = detection.bearerChallenge {
            return report([], .failed(["--expect-no-auth was given, but the server asks for a bearer token (\(challenge))"]))
        }

        let probe = Probe(configuration: configuration, client: client, detection: detection)
        // Without a token any challenge refuses the run; a given token is rejected only when no
        // probe got through with it (a server may refuse one method alone).
        let refused = detection.bearerChallenge != nil && (configuration.token == nil || !detection.servedSeen)
        let selected = (Self.cases + extra).filter { ids?.contains($0.id) ?? true }.filter { !refused || $0.needsNoAcceptedToken }
        let results = await run(selected, probe)
        guard refused, let challenge = detection.bearerChallenge else {
            return report(results, Self.outcome(results, selected, expect: configuration.expect))
        }
        let failed = results.filter { if case .fail = $0.verdict { return true } else { return false } }.map(\.id)
        let passed = results.filter(\.verdict.passed).map(\.id)
        if configuration.token == nil {
            if !failed.isEmpty {
                return report(results, .failed(["failed without a token: \(failed.joined(separator: ", "))", "the server requires a bearer token (\(challenge))"]))
            }
            let proved = passed.isEmpty ? "" : "; passed without one: \(passed.joined(separator: ", "))"
            return report(results, .tokenRequired("the server requires a bearer token (\(challenge)): pass --token\(proved)"))
        }
        let because = detection.challengeReason.map { "\"\($0)\"" } ?? "no reason given"
        var reasons = ["the server rejected --token: \(because) (\(challenge)); only the cases that need no accepted token ran"]
        if !failed.isEmpty { reasons.append("failed all the same: \(failed.joined(separator: ", "))") }
        return report(results, .tokenRejected(reasons.joined(separator: "; ")))
    }

    /// Runs `selected` in order within the run's ceiling.
    private func run(_ selected: [AcceptanceCase], _ probe: Probe) async -> [CaseResult] {
        let ceiling = ContinuousClock.now + configuration.totalTimeout
        var results: [CaseResult] = []
        for testCase in selected {
            let start = ContinuousClock.now
            let verdict = await Self.verdict(of: testCase, probe, until: ceiling, totalTimeout: configuration.totalTimeout)
            var skipCounts: String?
            if case .skip(let skip) = verdict, testCase.requiredFor.contains(configuration.expect) {
                skipCounts = probe.evidence(for: skip.precondition)
            }
            results.append(
                CaseResult(
                    id: testCase.id, rationale: testCase.rationale, reference: testCase.reference, verdict: verdict, skipCounts: skipCounts,
                    duration: ContinuousClock.now - start))
        }
        return results
    }

    /// Runs one case, turning a thrown error into a failure that carries the request, and
    /// cutting it when the run's ceiling arrives.
    static func verdict(of testCase: AcceptanceCase, _ probe: Probe, until ceiling: ContinuousClock.Instant, totalTimeout: Duration) async -> Verdict {
        func ceilingReached(_ request: String) -> Verdict {
            .fail(
                Evidence(
                    expected: "the case to finish before the run's ceiling of \(totalTimeout.components.seconds) s (--total-timeout)",
                    request: request, status: nil, headers: [:], bodyExcerpt: ""))
        }
        guard ContinuousClock.now < ceiling else { return ceilingReached("(not started: the ceiling was reached before this case)") }
        return await withTaskGroup(of: Verdict?.self) { group in
            group.addTask {
                do {
                    return try await testCase.body(probe)
                } catch let failure as ExchangeFailure {
                    return .fail(failure.evidence(expected: "a complete response"))
                } catch {
                    return .fail(Evidence(expected: "a complete response", request: "(unknown)", status: nil, headers: [:], bodyExcerpt: "\(error)"))
                }
            }
            group.addTask {
                try? await Task.sleep(until: ceiling)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? ceilingReached("(cut while running: the ceiling was reached)")
        }
    }

    /// The run's verdict from its results: any failure, any skip that counts, or an expected
    /// mode that no passing case proved makes it fail.
    static func outcome(_ results: [CaseResult], _ selected: [AcceptanceCase], expect: AcceptanceConfiguration.Mode) -> AcceptanceReport.Outcome {
        guard !selected.isEmpty else { return .failed(["no case was selected, so nothing was checked"]) }
        var reasons: [String] = []
        let failed = results.compactMap { if case .fail = $0.verdict { return $0.id } else { return nil } }
        if !failed.isEmpty { reasons.append("failed: \(failed.joined(separator: ", "))") }
        for result in results {
            guard case .skip(let skip) = result.verdict, let evidence = result.skipCounts else { continue }
            reasons.append("\(result.id) was skipped (\(skip.reason)) although \(evidence)")
        }
        let provers = selected.filter { $0.proves.contains(expect) }
        let proved = results.contains { result in result.verdict.passed && provers.contains { $0.id == result.id } }
        if !provers.isEmpty, !proved {
            reasons.append("no passing case proved the server \(expect.rawValue) (\(provers.map(\.id).joined(separator: ", ")) did not pass)")
        }
        return reasons.isEmpty ? .passed : .failed(reasons)
    }

    /// The probes before the cases: a 2025 `initialize`, a 2026 `server/discover`, and a
    /// `tools/list` in the era the cases will prefer, all with the configured token.
    private func detect(_ client: HTTPClient) async throws -> Detection {
        var detection = Detection()
        let bare = Probe(configuration: configuration, client: client, detection: detection)
        let token = configuration.token
        func note(_ label: String, _ exchange: Exchange) {
            detection.seen.append("\(label): \(exchange.status) \(exchange.header("content-type") ?? "no content-type") \(Exchange.excerpt(exchange.body, 80))")
            if exchange.isJSONRPCReply { detection.jsonRPCSeen = true }
            if exchange.isJSONRPCReply, (200..<300).contains(exchange.status) { detection.servedSeen = true }
            // A 401 challenge refuses the request's credentials; so does RFC 6750's 400
            // invalid_request to a token that was sent (an empty one, say).
            if detection.bearerChallenge == nil, let header = exchange.header("www-authenticate"), let challenge = AuthCases.bearer(header),
                exchange.status == 401 || (exchange.status == 400 && token != nil && challenge.parameter("error") == "invalid_request")
            {
                detection.bearerChallenge = "\(exchange.status) to \(label): WWW-Authenticate: \(Exchange.excerpt(header, 160))"
                detection.challengeReason = challenge.parameter("error_description") ?? challenge.parameter("error")
            }
        }
        do {
            let legacy = try await bare.legacyPost(Probe.initializeBody, token: token)
            note("initialize", legacy)
            detection.speaksLegacy = legacy.status == 200 && legacy.result?["protocolVersion"]?.stringValue != nil
            if !detection.speaksLegacy, Detection.hides(legacy.status) {
                detection.legacyHidden = "initialize was answered \(legacy.status), which hides whether the 2025 era is spoken"
            }
        } catch let failure as ExchangeFailure where failure.partial != nil {
            detection.seen.append("initialize: \(failure.partial!.status), then \(failure.reason)")
        } catch let failure as ExchangeFailure {
            throw ConnectionError(description: "cannot reach \(configuration.endpoint): \(failure.reason)")
        }
        if let modern = try? await bare.modernPost(0, "server/discover", token: token) {
            note("server/discover", modern)
            detection.speaksModern = modern.status == 200 && modern.result?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true
            if !detection.speaksModern, Detection.hides(modern.status) {
                detection.modernHidden = "server/discover was answered \(modern.status), which hides whether 2026-07-28 is spoken"
            }
        } else {
            detection.seen.append("server/discover: no complete response")
        }
        let listing = Probe(configuration: configuration, client: client, detection: detection)
        if let list = try? await listing.call(0, "tools/list", params: [:], token: token) {
            note("tools/list", list)
            detection.toolNames = list.result?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        } else {
            detection.seen.append("tools/list: no complete response")
        }
        return detection
    }
}
