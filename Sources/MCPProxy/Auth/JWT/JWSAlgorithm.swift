/// The JWS algorithms a ``VerificationKey`` can be pinned to.
///
/// `none` is not representable, so an unsigned token can never verify.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case es256 = "ES256"
    case es384 = "ES384"
    case edDSA = "EdDSA"
    /// Only with a configured shared secret (development).
    case hs256 = "HS256"
}
