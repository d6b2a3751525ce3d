import Foundation
import MCPCore

/// OAuth 2.0 bearer tokens, checked on every request (RFC 6750, RFC 9728).
enum AuthCases {
    /// The skip of every `auth.*` case under `--expect-no-auth`.
    static func notChecked(_ probe: Probe) -> Verdict? {
        probe.configuration.expectNoAuth ? .skip(Skip("authentication not checked (--expect-no-auth)", .notSelected)) : nil
    }

    /// For a case that needs no valid token: skipped under `--expect-no-auth`, and when the
    /// server answered without one (`auth.required` then fails the run, once).
    static func needsAuthentication(_ probe: Probe) -> Verdict? {
        if let skip = notChecked(probe) { return skip }
        if probe.configuration.token == nil, probe.detection.bearerChallenge == nil {
            return .skip(Skip("the server answered without a token (see auth.required)", .notSelected))
        }
        return nil
    }

    /// For a case that needs a token the server accepts.
    static func needsToken(_ probe: Probe) -> Verdict? {
        if let skip = notChecked(probe) { return skip }
        return probe.configuration.token == nil ? .skip(Skip("no --token given", .token)) : nil
    }

    /// The Bearer challenge of a `WWW-Authenticate` value, read per RFC 9110 §11.6.1.
    static func bearer(_ header: String?) -> AuthChallenge? {
        guard let header, let challenges = try? AuthChallenge.parse(header) else { return nil }
        return challenges.first(where: \.isBearer)
    }

    /// The `resource_metadata` parameter of the Bearer challenge.
    static func resourceMetadata(_ header: String?) -> String? {
        bearer(header)?.parameter("resource_metadata")
    }

    /// RFC 6749 §3.3 scope-token characters: %x21 / %x23-5B / %x5D-7E.
    static func isScopeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x21 || (0x23...0x5B).contains(scalar.value) || (0x5D...0x7E).contains(scalar.value)
    }

    static func isBearer(_ header: String?) -> Bool {
        bearer(header) != nil
    }

    static func subject(of exchange: Exchange) -> String? {
        if let subject = exchange.result?["structuredContent"]?["subject"]?.stringValue { return subject }
        return exchange.result?["content"]?.arrayValue?.first?["text"]?.stringValue
    }

    /// Follows the challenge's `resource_metadata` to the protected-resource metadata:
    /// the exchange that ends the search, and the document when it is a 200 JSON object.
    static func protectedResourceMetadata(_ probe: Probe) async throws -> (Exchange, JSONValue?) {
        let refused = try await probe.call(15, "tools/list", params: [:], token: nil)
        guard let url = resourceMetadata(refused.header("www-authenticate")) else { return (refused, nil) }
        let metadata = try await probe.send("GET", url: url, headers: [("Accept", "application/json")])
        guard metadata.status == 200, let document = try? JSONParser.parse(metadata.body), document.objectValue != nil else { return (metadata, nil) }
        return (metadata, document)
    }

    static let all: [AcceptanceCase] = [
        AcceptanceCase(
            id: "auth.required",
            rationale: "The server refuses a request without a token with 401 and a Bearer challenge: an OAuth-protected server never serves anonymously (--expect-no-auth says a server is meant to).",
            reference: "RFC 6750 §3; MCP Authorization, Access Token Usage",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = notChecked(probe) { return skip }
            let exchange = try await probe.call(9, "tools/list", params: [:], token: nil)
            guard exchange.status == 401, isBearer(exchange.header("www-authenticate")) else {
                return .fail(
                    exchange.evidence(
                        "401 with a Bearer challenge to a request without a token (a server meant to serve without authentication: pass --expect-no-auth)"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.no-token-401",
            rationale: "A request without a token is refused with 401 and a Bearer challenge naming the protected-resource metadata.",
            reference: "RFC 6750 §3, §3.1; RFC 9728 §5.1; MCP Authorization",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = needsAuthentication(probe) { return skip }
            let exchange = try await probe.call(10, "tools/list", params: [:], token: nil)
            guard exchange.status == 401 else { return .fail(exchange.evidence("401 Unauthorized")) }
            guard isBearer(exchange.header("www-authenticate")) else { return .fail(exchange.evidence("WWW-Authenticate: Bearer …")) }
            guard resourceMetadata(exchange.header("www-authenticate")) != nil else {
                return .fail(exchange.evidence("a resource_metadata parameter in the challenge"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.invalid-token-401",
            rationale: "An invalid token is refused with 401 and error=\"invalid_token\".",
            reference: "RFC 6750 §3.1",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = needsAuthentication(probe) { return skip }
            let exchange = try await probe.call(11, "tools/list", params: [:], token: probe.configuration.invalidToken)
            guard exchange.status == 401 else { return .fail(exchange.evidence("401 Unauthorized")) }
            guard isBearer(exchange.header("www-authenticate")), bearer(exchange.header("www-authenticate"))?.parameter("error") == "invalid_token" else {
                return .fail(exchange.evidence("WWW-Authenticate: Bearer error=\"invalid_token\""))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.wrong-audience-401",
            rationale: "A token issued for another server (another audience) is refused with 401, so a token stolen from one service cannot be replayed at this one.",
            reference: "RFC 8707 §2; RFC 9068 §4; MCP Authorization, Token Audience Binding and Validation",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = needsAuthentication(probe) { return skip }
            guard let wrong = probe.configuration.wrongAudienceToken else { return .skip(Skip("no --wrong-audience-token given", .notSelected)) }
            let exchange = try await probe.call(16, "tools/list", params: [:], token: wrong)
            guard exchange.status == 401 else { return .fail(exchange.evidence("401 Unauthorized for a token of another audience")) }
            guard bearer(exchange.header("www-authenticate"))?.parameter("error") == "invalid_token" else {
                return .fail(exchange.evidence("WWW-Authenticate: Bearer error=\"invalid_token\""))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.challenge-syntax",
            rationale: "Every 401 carries a WWW-Authenticate a client can parse: the Bearer scheme, a standard error code when there is one, an absolute resource_metadata URL (a 401 without a JSON body passes with a note).",
            reference: "RFC 9110 §11.6.1; RFC 6750 §3, §3.1; RFC 9728 §5.1",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = needsAuthentication(probe) { return skip }
            var notes: [String] = []
            for (label, token) in [("no token", nil), ("an invalid token", probe.configuration.invalidToken)] as [(String, String?)] {
                let exchange = try await probe.call(17, "tools/list", params: [:], token: token)
                guard exchange.status == 401 else { return .fail(exchange.evidence("401 Unauthorized for \(label)")) }
                guard let header = exchange.header("www-authenticate"), let challenges = try? AuthChallenge.parse(header) else {
                    return .fail(exchange.evidence("a WWW-Authenticate value that parses as RFC 9110 challenges (\(label))"))
                }
                guard let challenge = challenges.first(where: \.isBearer) else { return .fail(exchange.evidence("a Bearer challenge (\(label))")) }
                if let error = challenge.parameter("error"), !["invalid_request", "invalid_token", "insufficient_scope"].contains(error) {
                    return .fail(exchange.evidence("an RFC 6750 error code (invalid_request, invalid_token, insufficient_scope), got \(error)"))
                }
                if let metadata = challenge.parameter("resource_metadata") {
                    guard let url = URLComponents(string: metadata), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                        return .fail(exchange.evidence("resource_metadata as an absolute http(s) URL, got \(metadata)"))
                    }
                }
                if let scope = challenge.parameter("scope"), scope.split(separator: " ").contains(where: { !$0.unicodeScalars.allSatisfy(Self.isScopeCharacter) }) {
                    return .fail(exchange.evidence("scope tokens of printable ASCII without quotes or backslashes (RFC 6749 §3.3), got \(scope)"))
                }
                if (try? JSONParser.parse(exchange.body))?.objectValue == nil {
                    notes.append("the 401 for \(label) has no JSON body (it SHOULD carry a JSON-RPC or OAuth error)")
                }
            }
            return notes.isEmpty ? .pass : .passWithNote(notes.joined(separator: "; "))
        },
        AcceptanceCase(
            id: "auth.scope-step-up",
            rationale: "A valid token without the scope a tool needs gets 403 insufficient_scope naming the scope and the metadata, so the client can ask for more; the token with the scope succeeds.",
            reference: "RFC 6750 §3.1; MCP Authorization, Scope Challenge Handling"
        ) { probe in
            if let skip = needsToken(probe) { return skip }
            guard let tool = probe.configuration.scopedTool, let low = probe.configuration.lowScopeToken else {
                return .skip(Skip("no --scoped-tool and --low-scope-token given", .notSelected))
            }
            let params: JSONValue = ["name": .string(tool), "arguments": probe.configuration.scopedToolArguments]
            let refused = try await probe.call(18, "tools/call", params: params, name: tool, token: low)
            guard refused.status == 403 else { return .fail(refused.evidence("403 Forbidden for a token without the tool's scope")) }
            guard let challenge = bearer(refused.header("www-authenticate")), challenge.parameter("error") == "insufficient_scope" else {
                return .fail(refused.evidence("WWW-Authenticate: Bearer error=\"insufficient_scope\""))
            }
            guard challenge.parameter("scope")?.isEmpty == false else { return .fail(refused.evidence("the required scope in the challenge's scope parameter")) }
            guard challenge.parameter("resource_metadata") != nil else { return .fail(refused.evidence("a resource_metadata parameter in the challenge")) }
            let allowed = try await probe.call(19, "tools/call", params: params, name: tool, token: probe.configuration.token)
            guard allowed.status == 200, allowed.result != nil, allowed.result?["isError"]?.boolValue != true else {
                return .fail(allowed.evidence("200 with a result for --token, which has the scope"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.every-request",
            rationale: "The token is checked on every request, not only the first: valid → 200, invalid → 401, valid → 200.",
            reference: "MCP Authorization, Access Token Usage"
        ) { probe in
            guard let token = probe.configuration.token, !probe.configuration.expectNoAuth else { return needsToken(probe)! }
            let invalid = probe.configuration.invalidToken
            var exchanges: [Exchange] = []
            if probe.prefersLegacy {
                let (initialize, session) = try await probe.initialize(token: token)
                guard initialize.status == 200 else { return .fail(initialize.evidence("200 to initialize with the valid token")) }
                for (id, candidate) in [(12, token), (13, invalid), (14, token)] {
                    exchanges.append(try await probe.legacyPost(Probe.request(id, "tools/list"), token: candidate, session: session))
                }
            } else {
                for (id, candidate) in [(12, token), (13, invalid), (14, token)] {
                    exchanges.append(try await probe.modernPost(id, "tools/list", token: candidate))
                }
            }
            for (exchange, expected) in zip(exchanges, [200, 401, 200]) where exchange.status != expected {
                return .fail(exchange.evidence("\(expected) (sequence valid → 200, invalid → 401, valid → 200)"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.identity-per-request",
            rationale: "Identity is per request: two subjects interleaved each see only themselves.",
            reference: "MCP Authorization; RFC 6750 §2.1"
        ) { probe in
            guard let first = probe.configuration.token, !probe.configuration.expectNoAuth else { return needsToken(probe)! }
            guard let second = probe.configuration.secondToken else { return .skip(Skip("no --second-token given", .secondToken)) }
            let tool = probe.configuration.identityTool ?? "whoami"
            guard probe.toolNames.contains(tool) else {
                let how = probe.configuration.identityTool == nil ? "no whoami tool (name one with --identity-tool)" : "no tool named \(tool)"
                return .skip(Skip("the server lists \(how); tools listed: \(probe.toolNames.joined(separator: ", "))", .identityTool))
            }
            var seen: [(String, String?, Exchange)] = []
            for (index, token) in [first, second, first, second].enumerated() {
                let params: JSONValue = ["name": .string(tool), "arguments": probe.configuration.identityToolArguments]
                let exchange = try await probe.call(20 + index, "tools/call", params: params, name: tool, token: token)
                guard exchange.status == 200, exchange.result?["isError"]?.boolValue != true else { return .fail(exchange.evidence("200 with a result from \(tool)")) }
                seen.append((token == first ? "first" : "second", subject(of: exchange), exchange))
            }
            let firsts = Set(seen.filter { $0.0 == "first" }.map(\.1))
            let seconds = Set(seen.filter { $0.0 == "second" }.map(\.1))
            guard firsts.count == 1, seconds.count == 1, firsts != seconds, firsts.first! != nil else {
                let subjects = seen.map { "\($0.0)→\($0.1 ?? "nil")" }.joined(separator: ", ")
                return .fail(seen[1].2.evidence("each token to see its own subject; saw \(subjects)"))
            }
            return .pass
        },
        AcceptanceCase(
            id: "auth.resource-metadata",
            rationale: "The metadata named by resource_metadata is JSON naming this endpoint as its resource and at least one authorization server, so clients can get a token.",
            reference: "RFC 9728 §2, §3, §3.3",
            needsNoAcceptedToken: true
        ) { probe in
            if let skip = needsAuthentication(probe) { return skip }
            let (metadata, document) = try await protectedResourceMetadata(probe)
            guard let document else { return .fail(metadata.evidence("a resource_metadata parameter to follow, naming a 200 JSON document")) }
            guard let resource = document["resource"]?.stringValue else { return .fail(metadata.evidence("a \"resource\" member")) }
            guard let servers = document["authorization_servers"]?.arrayValue, !servers.isEmpty else {
                return .fail(metadata.evidence("a non-empty \"authorization_servers\" array"))
            }
            for server in servers {
                guard let text = server.stringValue, ResourceURL.isAcceptableAuthorizationServer(text) else {
                    return .fail(metadata.evidence("authorization servers that are absolute https URLs (http only on loopback), got \(JSONWriter.string(server))"))
                }
            }
            switch ResourceURL.match(resource: resource, endpoint: probe.configuration.endpoint) {
            case .same: return .pass
            case .pathPrefix: return .passWithNote("the resource \(resource) names a path prefix of the endpoint on the same origin")
            case .different: return .fail(metadata.evidence("\"resource\" equal to the endpoint \(probe.configuration.endpoint), got \(resource)"))
            }
        },
        AcceptanceCase(
            id: "auth.authorization-server-metadata",
            rationale: "Each authorization server the resource names publishes RFC 8414 (or OpenID) metadata naming itself as issuer.",
            reference: "RFC 8414 §3, §3.3; OpenID Connect Discovery §4"
        ) { probe in
            guard probe.configuration.checkAuthorizationServers else { return .skip(Skip("not asked for (--check-authorization-server)", .notSelected)) }
            if let skip = needsAuthentication(probe) { return skip }
            let (metadata, document) = try await protectedResourceMetadata(probe)
            guard let servers = document?["authorization_servers"]?.arrayValue?.compactMap(\.stringValue), !servers.isEmpty else {
                return .fail(metadata.evidence("authorization servers to check"))
            }
            for issuer in servers {
                let urls = ResourceURL.authorizationServerMetadataURLs(issuer)
                guard ResourceURL.isAcceptableAuthorizationServer(issuer), !urls.isEmpty else {
                    return .fail(metadata.evidence("authorization servers whose metadata can be fetched, got \(issuer)"))
                }
                var last: Exchange?
                for url in urls {
                    let exchange = try await probe.send("GET", url: url, headers: [("Accept", "application/json")])
                    last = exchange
                    guard exchange.status == 200 else { continue }
                    guard let named = (try? JSONParser.parse(exchange.body))?["issuer"]?.stringValue, named == issuer else {
                        return .fail(exchange.evidence("a JSON document whose \"issuer\" is \(issuer)"))
                    }
                    break
                }
                // Every URL was tried and none answered 200: there is no metadata to trust.
                if let last, last.status != 200 { return .fail(last.evidence("200 with authorization server metadata for \(issuer)")) }
            }
            return .pass
        },
    ]
}
