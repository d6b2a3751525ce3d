/// Where a ``JWTVerifier`` gets its keys.
public enum KeySource: Sendable {
    /// Fixed keys (PEM public keys, JWKs, an HS256 development secret).
    case keys([VerificationKey])
    /// A JWKS endpoint, fetched and cached (``JWKSProvider``).
    case jwks(JWKSProvider)
}
