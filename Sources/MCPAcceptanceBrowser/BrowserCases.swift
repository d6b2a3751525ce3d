import Foundation
import MCPAcceptance
import MCPCore

/// The `browser.*` cases: the CORS checks again, from a headless Chromium on the run's origin.
/// Each call runs with `credentials: "omit"` and again with `"include"`.
public enum BrowserCases {
    /// The ids, in the order they run.
    public static let ids = [
        "browser.call-with-authorization", "browser.session-id-readable", "browser.401-readable", "browser.2026-headers",
        "browser.foreign-origin-blocked",
    ]

    /// The cases, run through `browser`.
    public static func all(_ browser: BrowserProbe) -> [AcceptanceCase] {
        [
            AcceptanceCase(
                id: "browser.call-with-authorization",
                rationale: "A browser page on the allowed origin can POST with Authorization, Content-Type and MCP-Protocol-Version, and read the reply.",
                reference: "Fetch Standard, CORS protocol; MCP Streamable HTTP, authorization"
            ) { probe in
                let run = BrowserRun(probe: probe, browser: browser)
                guard let token = run.token else { return .skip(Skip("needs --token (a token the server accepts)", .token)) }
                let eras = run.spokenEras
                guard !eras.isEmpty else { return .skip(Skip("the server was not seen to speak a selected era", .notSelected)) }
                return await callFromOrigin(run, steps: eras.map { run.call($0, token: token) }) { observation in
                    guard observation.error == nil, let status = observation.status, (200..<300).contains(status), observation.readJSONRPC else {
                        return "a 2xx reply whose JSON-RPC body the page can read (the preflight must allow Authorization, Content-Type and MCP-Protocol-Version)"
                    }
                    return nil
                }
            },
            AcceptanceCase(
                id: "browser.session-id-readable",
                rationale: "A browser client of a stateful 2025 server can read Mcp-Session-Id, so it can send it back.",
                reference: "MCP 2025-06-18, session management; Fetch Standard, Access-Control-Expose-Headers",
                requiredFor: [.stateful]
            ) { probe in
                let run = BrowserRun(probe: probe, browser: browser)
                guard probe.configuration.expect == .stateful else {
                    return .skip(Skip("the server is expected stateless (--expect stateful checks session ids)", .notSelected))
                }
                guard probe.configuration.eras != .modern else { return .skip(Skip("--era modern: sessions belong to the 2025 era", .notSelected)) }
                guard probe.speaksLegacy else { return .skip(Skip("the server was not seen to speak the 2025 era", .legacyEra)) }
                guard let token = run.token else { return .skip(Skip("needs --token (a token the server accepts)", .token)) }
                return await callFromOrigin(run, steps: [run.call(.legacy, token: token)], shown: ["mcp-session-id"]) { observation in
                    guard observation.error == nil, observation.status == 200, observation.header("mcp-session-id") != nil else {
                        return "Headers.get(\"Mcp-Session-Id\") to return the session id of a 200 initialize (Access-Control-Expose-Headers must name it)"
                    }
                    return nil
                }
            },
            AcceptanceCase(
                id: "browser.401-readable",
                rationale: "A browser page can read a 401 and its WWW-Authenticate, without a token and with a bad one, instead of a bare 'Failed to fetch'.",
                reference: "RFC 6750 §3; RFC 9728 §5.1; Fetch Standard, Access-Control-Expose-Headers",
                needsNoAcceptedToken: true
            ) { probe in
                let run = BrowserRun(probe: probe, browser: browser)
                guard !probe.configuration.expectNoAuth else { return .skip(Skip("--expect-no-auth: the server sends no challenges", .notSelected)) }
                let steps = run.selectedEras.flatMap { era in
                    [
                        run.call(era, token: nil, label: "\(era.rawValue) \(era == .legacy ? "initialize" : "tools/list") without a token"),
                        run.call(era, token: probe.configuration.invalidToken, label: "\(era.rawValue) \(era == .legacy ? "initialize" : "tools/list") with a bad token"),
                    ]
                }
                return await callFromOrigin(run, steps: steps, shown: ["www-authenticate"]) { observation in
                    guard observation.error == nil, observation.status == 401, observation.header("www-authenticate") != nil else {
                        return "status 401 and Headers.get(\"WWW-Authenticate\") readable by the page (the error reply needs Access-Control-Allow-Origin and Access-Control-Expose-Headers too)"
                    }
                    return nil
                }
            },
            AcceptanceCase(
                id: "browser.2026-headers",
                rationale: "A browser page can send the 2026-07-28 routing headers Mcp-Method and Mcp-Name.",
                reference: "MCP 2026-07-28, Streamable HTTP routing headers; Fetch Standard, Access-Control-Allow-Headers"
            ) { probe in
                let run = BrowserRun(probe: probe, browser: browser)
                guard probe.configuration.eras != .legacy else { return .skip(Skip("--era legacy: the routing headers belong to 2026-07-28", .notSelected)) }
                guard probe.speaksModern else { return .skip(Skip("the server was not seen to speak 2026-07-28", .modernEra)) }
                guard let token = run.token else { return .skip(Skip("needs --token (a token the server accepts)", .token)) }
                // A tool no server lists: the reply is an error, so no real tool runs.
                let tool = "mcp-acceptance-no-such-tool"
                let request = probe.modernRequest(1, "tools/call", params: ["name": .string(tool), "arguments": [:]], name: tool, token: token)
                let step = BrowserStep(label: "2026-07-28 tools/call with Mcp-Method and Mcp-Name", url: probe.configuration.endpoint, headers: request.headers, body: request.body)
                return await callFromOrigin(run, steps: [step]) { observation in
                    guard observation.error == nil, observation.readJSONRPC else {
                        return "a JSON-RPC reply the page can read (the preflight must allow Mcp-Method and Mcp-Name)"
                    }
                    return nil
                }
            },
            AcceptanceCase(
                id: "browser.foreign-origin-blocked",
                rationale: "A page on an origin the server does not allow cannot call it with a token: the browser blocks the reply.",
                reference: "Fetch Standard, CORS check; MCP security best practices (origin validation)"
            ) { probe in
                await foreignOriginBlocked(BrowserRun(probe: probe, browser: browser))
            },
        ]
    }

    /// Runs `steps` from a page of the run's origin and judges each observation with `holds`.
    static func callFromOrigin(_ run: BrowserRun, steps: [BrowserStep], shown: [String] = [], holds: (BrowserObservation) -> String?) async -> Verdict {
        let origin = run.browser.origin
        if let blocked = run.mixedContent(from: origin) {
            return .fail(Evidence(expected: "a page of \(origin) able to call the endpoint", request: steps.first?.described ?? "", status: nil, headers: [:], bodyExcerpt: blocked))
        }
        do {
            guard let report = try await run.visit([(origin, steps)]).first else { return run.failure(BrowserProbe.VisitFailure(description: "no page ran"), origin: origin) }
            return await run.judge(report, steps: steps, shown: shown, holds: holds)
        } catch {
            return run.failure(error, origin: origin)
        }
    }

    /// Passes only on positive evidence, all from this run: the allowed origin's control call
    /// succeeded, the foreign page's call threw in both modes, and a raw request carrying the
    /// foreign origin got no `Access-Control-Allow-Origin` that matches it.
    static func foreignOriginBlocked(_ run: BrowserRun) async -> Verdict {
        let probe = run.probe
        guard let token = run.token else { return .skip(Skip("needs --token (a token the server accepts)", .token)) }
        guard let era = run.spokenEras.first else { return .skip(Skip("the server was not seen to speak a selected era", .notSelected)) }
        let allowed = run.browser.origin
        if let blocked = run.mixedContent(from: allowed) {
            return .fail(Evidence(expected: "a page of \(allowed) able to call the endpoint (the control)", request: "", status: nil, headers: [:], bodyExcerpt: blocked))
        }
        // An https page cannot call plain http off loopback whatever CORS says: the foreign page
        // is then served over http, so that only CORS can block it.
        var foreignText = BrowserProbe.foreignOrigin
        if let endpoint = PageOrigin(probe.configuration.endpoint), !endpoint.isSecure, !PageOrigin.isLoopback(endpoint.host) {
            foreignText = foreignText.replacingOccurrences(of: "https://", with: "http://")
        }
        guard let foreign = PageOrigin(foreignText) else { return .skip(Skip("the foreign origin is malformed", .notSelected)) }
        let control = run.call(era, token: token, label: "control: \(era.rawValue) call from the allowed origin")
        var controlOmit = control
        controlOmit.modes = [.omit]
        let attempt = run.call(era, token: token, label: "\(era.rawValue) call from \(foreign)")
        let reports: [BrowserProbe.PageReport]
        do {
            reports = try await run.visit([(allowed, [controlOmit]), (foreign, [attempt])])
        } catch {
            return run.failure(error, origin: allowed)
        }
        guard reports.count == 2, let controlSeen = reports[0].observations.first else {
            return run.failure(BrowserProbe.VisitFailure(description: "the pages reported \(reports.map(\.observations.count))"), origin: allowed)
        }
        guard controlSeen.error == nil, let status = controlSeen.status, (200..<300).contains(status), controlSeen.readJSONRPC else {
            var evidence = run.evidence(
                controlSeen, controlOmit, origin: allowed,
                expected: "the control call from the allowed origin to succeed, so that a blocked foreign call proves CORS blocked it")
            if controlSeen.error != nil, let why = await run.diagnose(controlOmit, origin: allowed, credentials: .omit) {
                evidence.bodyExcerpt += "; a raw request from the same origin shows why: \(why)"
            }
            return .fail(evidence)
        }
        let foreignSeen = reports[1].observations
        guard foreignSeen.count == attempt.modes.count else {
            return run.failure(BrowserProbe.VisitFailure(description: "the foreign page reported \(foreignSeen.count) observations, not \(attempt.modes.count)"), origin: foreign)
        }
        for observation in foreignSeen where observation.error == nil {
            return .fail(run.evidence(observation, attempt, origin: foreign, expected: "fetch to throw: the server must not let \(foreign) read its replies"))
        }
        let raw: Exchange
        do {
            raw = try await probe.send("POST", headers: attempt.headers + [("Origin", foreign.description)], body: attempt.body)
        } catch let failure as ExchangeFailure {
            return .fail(failure.evidence(expected: "a reply to a raw request from \(foreign)"))
        } catch {
            return .fail(Evidence(expected: "a reply to a raw request from \(foreign)", request: "POST \(probe.configuration.endpoint)", status: nil, headers: [:], bodyExcerpt: "\(error)"))
        }
        let granted = raw.header("access-control-allow-origin")
        if granted == "*" || granted?.lowercased() == foreign.description {
            return .fail(raw.evidence("no Access-Control-Allow-Origin matching \(foreign)", headers: ["access-control-allow-origin"]))
        }
        let threw = foreignSeen.map { "credentials \"\($0.credentials.rawValue)\": \($0.error ?? "")" }.joined(separator: "; ")
        return .passWithNote(
            "\(run.browser.browser.shortVersion) saw: the control from \(allowed) got \(status); from \(foreign) fetch threw (\(threw)); a raw request from it got \(granted.map { "Access-Control-Allow-Origin: \($0)" } ?? "no Access-Control-Allow-Origin")")
    }
}
