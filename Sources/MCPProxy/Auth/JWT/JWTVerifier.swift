import HTTPTypes
import Foundation

/// Verifies OAuth 2.0 bearer JWTs on every request and turns them into a ``Principal``.
///
/// Plug it into ``MCPProxyConfiguration/authentication`` with ``Authentication/jwt(_:)``.
/// Verification reads an immutable key snapshot and runs on the caller's task: it
/// never queues behind an actor. Claims: `exp` is required; `nbf` and `iat` are
/// checked with ``leeway``; `iss` must equal ``issuer`` when set; `aud` must contain
/// ``audience``, or by default the server's configured or bound resource URL
/// (``RequestHead/tokenAudience``; RFC 8707) — never one derived from the request.
/// With neither, every token is refused: there is no audience-free mode on this path.
public final class JWTVerifier: Sendable {
    /// Where the verification keys come from (fixed keys or a JWKS URL).
    public let keys: KeySource
    /// The required `iss`, when set.
    public let issuer: String?
    /// The required `aud`; `nil` means the server's configured or bound resource URL.
    public let audience: String?
    /// Clock skew allowed for `exp`, `nbf` and `iat`.
    public let leeway: Duration
    /// Scopes every token must carry (403 `insufficient_scope` otherwise).
    public let requiredScopes: [String]
    let cache: VerifiedTokenCache
    let staticKeys: KeySet
    let clock: @Sendable () -> Date

    /// Creates a verifier; `cacheCapacity` bounds the verified-token cache, `clock` is for tests.
    public init(
        keys: KeySource, issuer: String? = nil, audience: String? = nil, leeway: Duration = .seconds(60),
        requiredScopes: [String] = [], cacheCapacity: Int = 10_000, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.requiredScopes = requiredScopes
        self.cache = VerifiedTokenCache(capacity: cacheCapacity)
        self.clock = clock
        if case .keys(let fixed) = keys { staticKeys = KeySet(fixed) } else { staticKeys = KeySet([]) }
        if case .jwks(let provider) = keys { provider.startRetryingUntilLoaded() }
    }

    /// The `authenticate` callback: reads the bearer token from the `Authorization`
    /// header and verifies it. Refusals are ``AuthenticationError``s with RFC 6750 codes.
    public func authenticate(_ head: RequestHead) async throws -> Principal? {
        switch BearerAuthorization.token(from: head.headers[values: .authorization]) {
        case .failure(.missing):
            throw AuthenticationError.missingCredentials()
        case .failure(.malformed(let reason)):
            throw AuthenticationError.invalidRequest(reason)
        case .success(let token):
            guard let expected = audience ?? head.tokenAudience else {
                throw AuthenticationError(
                    status: .internalServerError,
                    message: "Internal Server Error: no token audience is configured (set the verifier's audience or the resource URL)")
            }
            let principal = try await verify(token, audience: expected)
            if !requiredScopes.isEmpty, !principal.hasScopes(requiredScopes) {
                throw AuthenticationError.insufficientScope(requiredScopes)
            }
            return principal
        }
    }

    /// Verifies `token` for `audience` (nil: no audience check) and returns its principal.
    public func verify(_ token: String, audience: String?) async throws -> Principal {
        let now = clock()
        let keySet = try currentKeys()
        if let hit = cache.lookup(token: token, audience: audience, generation: keySet.generation) {
            try checkTimes(expires: hit.expires, notBefore: hit.notBefore, now: now)
            return hit.principal
        }
        let jws: CompactJWS
        do {
            jws = try CompactJWS(token)
        } catch {
            throw AuthenticationError.invalidToken("malformed token: \(error.reason)")
        }
        guard let algorithm = jws.algorithm else { throw AuthenticationError.invalidToken("the token has no alg header") }
        if jws.header["crit"] != nil {
            throw AuthenticationError.invalidToken("the token has critical header extensions this server does not understand")
        }
        var used = keySet
        var candidates: [VerificationKey]
        switch keySet.lookup(keyID: jws.keyID, algorithm: algorithm) {
        case .keys(let keys):
            candidates = keys
        case .noKeyForAlgorithm:
            throw AuthenticationError.invalidToken("no key accepts algorithm \(algorithm)")
        case .unknownKeyID(let kid):
            guard case .jwks(let provider) = keys else { throw AuthenticationError.invalidToken("unknown key id \(kid)") }
            switch await provider.refreshForUnknownKey() {
            case .unavailable(let retryAfter):
                throw AuthenticationError(
                    status: .serviceUnavailable,
                    message: "Service Unavailable: the signing keys could not be refreshed to check key id \(kid)", retryAfter: retryAfter)
            case .keys(let refreshed):
                guard case .keys(let keys) = refreshed.lookup(keyID: kid, algorithm: algorithm) else {
                    throw AuthenticationError.invalidToken("unknown key id \(kid)")
                }
                used = refreshed
                candidates = keys
            }
        }
        guard candidates.contains(where: { $0.verify(signature: jws.signature, signingInput: jws.signingInput) }) else {
            throw AuthenticationError.invalidToken("the signature is not valid")
        }
        let claims = try validateClaims(jws.payload, audience: audience, now: now)
        cache.store(token: token, audience: audience, generation: used.generation, entry: claims)
        return claims.principal
    }

    private func currentKeys() throws -> KeySet {
        switch keys {
        case .keys:
            return staticKeys
        case .jwks(let provider):
            guard let loaded = provider.keys else {
                throw AuthenticationError(
                    status: .serviceUnavailable, message: "Service Unavailable: the signing keys could not be loaded yet",
                    retryAfter: 5)
            }
            return loaded
        }
    }

    private var leewaySeconds: Double {
        Double(leeway.components.seconds) + Double(leeway.components.attoseconds) / 1e18
    }

    private func checkTimes(expires: Double, notBefore: Double?, now: Date) throws {
        let current = now.timeIntervalSince1970
        if current > expires + leewaySeconds { throw AuthenticationError.invalidToken("the token has expired") }
        if let notBefore, current + leewaySeconds < notBefore { throw AuthenticationError.invalidToken("the token is not valid yet (nbf)") }
    }

    private func validateClaims(_ claims: [String: JSONValue], audience: String?, now: Date) throws -> VerifiedTokenCache.Entry {
        guard let expires = claims["exp"]?.doubleValue else { throw AuthenticationError.invalidToken("the token has no exp claim") }
        let notBefore = claims["nbf"]?.doubleValue
        if claims["nbf"] != nil, notBefore == nil { throw AuthenticationError.invalidToken("the nbf claim is not a number") }
        try checkTimes(expires: expires, notBefore: notBefore, now: now)
        if let issuedAt = claims["iat"] {
            guard let value = issuedAt.doubleValue else { throw AuthenticationError.invalidToken("the iat claim is not a number") }
            if value > now.timeIntervalSince1970 + leewaySeconds { throw AuthenticationError.invalidToken("the token was issued in the future (iat)") }
        }
        if let issuer, claims["iss"]?.stringValue != issuer {
            throw AuthenticationError.invalidToken("the token was not issued by \(issuer)")
        }
        if let audience {
            let audiences: [String]
            switch claims["aud"] {
            case .string(let single)?: audiences = [single]
            case .array(let many)?: audiences = many.compactMap(\.stringValue)
            default: audiences = []
            }
            guard audiences.contains(audience) else {
                throw AuthenticationError.invalidToken("the token is not meant for this resource (aud)")
            }
        }
        guard let subject = claims["sub"]?.stringValue ?? claims["client_id"]?.stringValue, !subject.isEmpty else {
            throw AuthenticationError.invalidToken("the token has no sub claim")
        }
        let principal = Principal(subject: subject, scopes: Self.scopes(claims), claims: claims)
        return VerifiedTokenCache.Entry(principal: principal, expires: expires, notBefore: notBefore)
    }

    /// Scopes from `scope` or `scp`, each a space-separated string or an array.
    static func scopes(_ claims: [String: JSONValue]) -> Set<String> {
        var scopes: Set<String> = []
        for name in ["scope", "scp"] {
            switch claims[name] {
            case .string(let text)?: scopes.formUnion(text.split(separator: " ").map(String.init))
            case .array(let items)?: scopes.formUnion(items.compactMap(\.stringValue))
            default: break
            }
        }
        return scopes
    }
}
