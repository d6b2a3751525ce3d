import Foundation
import MCPAcceptance

/// What the browser cases share: the steps they build from the run's configuration, the
/// visit, and how observations become a verdict with the browser's evidence in it.
struct BrowserRun: Sendable {
    /// The protocol eras a step can be in.
    enum Era: String, Sendable {
        case legacy = "2025", modern = "2026-07-28"
    }

    let probe: Probe
    let browser: BrowserProbe

    /// The headers every page reads after each `fetch`.
    static let read = ["content-type", "mcp-session-id", "www-authenticate"]

    /// The eras selected by `--era` that the server was seen to speak.
    var spokenEras: [Era] {
        var eras: [Era] = []
        if probe.configuration.eras != .modern, probe.speaksLegacy { eras.append(.legacy) }
        if probe.configuration.eras != .legacy, probe.speaksModern { eras.append(.modern) }
        return eras
    }

    /// The eras selected by `--era`, spoken or not (for refusals, which need no served era).
    var selectedEras: [Era] {
        switch probe.configuration.eras {
        case .legacy: return [.legacy]
        case .modern: return [.modern]
        case .both: return [.legacy, .modern]
        }
    }

    /// The token a page sends: `--token`, or a placeholder when the server is meant to serve
    /// without authentication (`nil`: none was given, so the case cannot run).
    var token: String? {
        probe.configuration.token ?? (probe.configuration.expectNoAuth ? "mcp-acceptance-placeholder" : nil)
    }

    /// The ordinary request of an era: `initialize` in 2025, `tools/list` in 2026-07-28.
    func call(_ era: Era, token: String?, label: String? = nil) -> BrowserStep {
        switch era {
        case .legacy:
            let request = probe.legacyRequest(Probe.initializeBody, token: token)
            return BrowserStep(label: label ?? "2025 initialize", url: probe.configuration.endpoint, headers: request.headers, body: request.body)
        case .modern:
            let request = probe.modernRequest(1, "tools/list", token: token)
            return BrowserStep(label: label ?? "2026-07-28 tools/list", url: probe.configuration.endpoint, headers: request.headers, body: request.body)
        }
    }

    /// Why no page can reach the endpoint from `origin` whatever its CORS says: an https page
    /// calling plain http on a host that is not loopback is blocked as mixed content.
    func mixedContent(from origin: PageOrigin) -> String? {
        guard origin.isSecure, let endpoint = PageOrigin(probe.configuration.endpoint), !endpoint.isSecure, !PageOrigin.isLoopback(endpoint.host) else {
            return nil
        }
        return "the browser blocks it as mixed content, not CORS: a page of \(origin) (https) cannot fetch \(probe.configuration.endpoint) (plain http, not loopback); serve the endpoint over https, or run with an http --origin"
    }

    /// Whether the server offers credentialed CORS to the run's origin: a raw preflight's
    /// `Access-Control-Allow-Credentials: true`. `nil` when the preflight got no answer, so that
    /// nothing is known (and a refused `include` is then not excused).
    func credentialsOffered() async -> Bool? {
        guard
            let exchange = try? await probe.send(
                "OPTIONS",
                headers: [
                    ("Origin", probe.configuration.origin), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "authorization, content-type, mcp-protocol-version"),
                ])
        else { return nil }
        return exchange.header("access-control-allow-credentials") == "true"
    }

    /// Runs `pages` in one browser process, bounded by the run's timeouts.
    func visit(_ pages: [(origin: PageOrigin, steps: [BrowserStep])]) async throws -> [BrowserProbe.PageReport] {
        let fetches = pages.reduce(0) { $0 + $1.steps.reduce(0) { $0 + $1.modes.count } }
        let stepTimeout = probe.configuration.timeout
        return try await browser.visit(pages, read: Self.read, stepTimeout: stepTimeout, timeout: .seconds(20) + stepTimeout * fetches)
    }

    /// The failure of a visit that produced no report.
    func failure(_ error: any Error, origin: PageOrigin) -> Verdict {
        .fail(
            Evidence(
                expected: "the probe page to report what the browser saw", request: "\(browser.browser.shortVersion): a probe page of \(origin)",
                status: nil, headers: [:], bodyExcerpt: "\(error)"))
    }

    /// Why the browser probably refused `step` from `origin`, read from a raw preflight and a
    /// raw request carrying that origin (the browser itself only says "Failed to fetch"); `nil`
    /// when the raw exchanges show nothing wrong.
    func diagnose(_ step: BrowserStep, origin: PageOrigin, credentials: BrowserStep.Credentials) async -> String? {
        let safelisted: Set<String> = ["accept", "accept-language", "content-language"]
        let requested = step.headers.map { $0.0.lowercased() }.filter { !safelisted.contains($0) }
        guard
            let preflight = try? await probe.send(
                "OPTIONS", url: step.url,
                headers: [("Origin", origin.description), ("Access-Control-Request-Method", step.method), ("Access-Control-Request-Headers", requested.joined(separator: ", "))])
        else { return "the preflight got no complete response" }
        guard (200..<300).contains(preflight.status) else { return "the preflight was answered \(preflight.status)" }
        let credentialed = credentials == .include
        func grants(_ exchange: Exchange) -> String? {
            let allowOrigin = exchange.header("access-control-allow-origin")
            if allowOrigin == nil { return "no Access-Control-Allow-Origin" }
            if allowOrigin == "*" { return credentialed ? "Access-Control-Allow-Origin: * (never allowed with credentials)" : nil }
            if allowOrigin != origin.description { return "Access-Control-Allow-Origin: \(allowOrigin ?? "") (not \(origin))" }
            if credentialed, exchange.header("access-control-allow-credentials") != "true" { return "no Access-Control-Allow-Credentials: true" }
            return nil
        }
        if let wrong = grants(preflight) { return "the preflight has \(wrong)" }
        let allowed = (preflight.header("access-control-allow-headers") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = requested.filter { !allowed.contains($0) && !(allowed.contains("*") && !credentialed) }
        if !missing.isEmpty { return "the preflight's Access-Control-Allow-Headers lacks \(missing.joined(separator: ", "))" }
        guard let reply = try? await probe.send(step.method, url: step.url, headers: step.headers + [("Origin", origin.description)], body: step.body) else { return nil }
        if let wrong = grants(reply) { return "the \(reply.status) reply has \(wrong)" }
        return nil
    }

    /// The evidence of one observation that did not show what `expected` says.
    func evidence(_ observation: BrowserObservation, _ step: BrowserStep?, origin: PageOrigin, expected: String) -> Evidence {
        var headers: [String: String] = [:]
        for (name, value) in observation.headers { headers[name] = value ?? "(not readable)" }
        let request = "\(browser.browser.shortVersion): \(step?.described ?? observation.label) from a page of \(origin), credentials \"\(observation.credentials.rawValue)\""
        let seen = observation.error.map { "fetch threw \($0)" } ?? BrowserObservation.excerpt(observation.body ?? "", 300)
        return Evidence(expected: expected, request: request, status: observation.status, headers: headers, bodyExcerpt: seen)
    }

    /// The verdict of a page's observations against `holds` (the reason an observation falls
    /// short, or `nil`). An `include` that falls short is a failure only when the server offers
    /// credentials; otherwise it is a note: bearer tokens need no credentials. A pass names what
    /// the browser saw, with the `shown` headers.
    func judge(_ report: BrowserProbe.PageReport, steps: [BrowserStep], shown: [String] = [], holds: (BrowserObservation) -> String?) async -> Verdict {
        if let fatal = report.fatal {
            return .fail(
                Evidence(
                    expected: "the probe page to run its steps", request: "\(browser.browser.shortVersion): a probe page of \(report.origin)", status: nil,
                    headers: [:], bodyExcerpt: fatal))
        }
        let expectedCount = steps.reduce(0) { $0 + $1.modes.count }
        guard report.observations.count == expectedCount else {
            return .fail(
                Evidence(
                    expected: "\(expectedCount) observations from the probe page", request: "\(browser.browser.shortVersion): a probe page of \(report.origin)",
                    status: nil, headers: [:], bodyExcerpt: "it reported \(report.observations.count)"))
        }
        var includeRefused = false
        var offered: Bool??
        for observation in report.observations {
            guard let shortfall = holds(observation) else { continue }
            let step = steps.first { $0.label == observation.label }
            if observation.credentials == .include {
                if offered == nil { offered = .some(await credentialsOffered()) }
                // Excused only when a raw preflight showed that no credentials are offered.
                if offered == .some(false) {
                    includeRefused = true
                    continue
                }
            }
            var failed = evidence(observation, step, origin: report.origin, expected: shortfall)
            if observation.credentials == .include, offered == .some(nil) {
                failed.bodyExcerpt += "; whether the server offers credentials is unknown: a raw preflight got no answer"
            }
            if observation.error != nil, let step, let why = await diagnose(step, origin: report.origin, credentials: observation.credentials) {
                failed.bodyExcerpt += "; a raw request from the same origin shows why: \(why)"
            }
            return .fail(failed)
        }
        var seen: [String] = []
        for step in steps {
            let outcomes = report.observations.filter { $0.label == step.label }.map { observation in
                let result = observation.error ?? observation.status.map(String.init) ?? "no status"
                let headers = shown.compactMap { name in observation.header(name).map { _ in "\(name) readable" } }
                return "\(observation.credentials.rawValue) → \(([result] + headers).joined(separator: ", "))"
            }
            seen.append("\(step.label): \(outcomes.joined(separator: "; "))")
        }
        var note = "\(browser.browser.shortVersion) saw \(seen.joined(separator: " | "))"
        if includeRefused {
            note += ". credentials \"include\" is refused because the server sends no Access-Control-Allow-Credentials: true (pages that send cookies cannot call it); \"omit\", all a bearer token needs, passed"
        }
        return .passWithNote(note)
    }
}
