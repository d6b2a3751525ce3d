import Crypto
import CryptoExtras
import Foundation

/// A public key (or, for HS256, a shared secret) pinned to exactly one algorithm.
///
/// A token verifies only when its `alg` header equals the key's algorithm, so
/// algorithm confusion (HS256 signed with an RSA public key, `alg: none`) is
/// impossible by construction.
public struct VerificationKey: Sendable {
    /// The one algorithm this key verifies.
    public let algorithm: JWSAlgorithm
    /// The `kid` it is published under, when it has one.
    public let keyID: String?
    private let material: Material

    private enum Material: Sendable {
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case hmac(SymmetricKey)
    }

    /// Why a key could not be used.
    public struct Unusable: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the key.
        public var description: String
    }

    private init(algorithm: JWSAlgorithm, keyID: String?, material: Material) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.material = material
    }

    /// An HS256 shared secret (development; at least 32 bytes).
    public static func hs256(secret: [UInt8], keyID: String? = nil) throws -> VerificationKey {
        guard secret.count >= 32 else { throw Unusable(description: "an HS256 secret needs at least 32 bytes (256 bits)") }
        return VerificationKey(algorithm: .hs256, keyID: keyID, material: .hmac(SymmetricKey(data: secret)))
    }

    /// A PEM public key (`-----BEGIN PUBLIC KEY-----`, RSA or EC; or `BEGIN RSA PUBLIC KEY`).
    /// `algorithm` defaults to RS256 for RSA, ES256/ES384 for P-256/P-384, EdDSA for Ed25519.
    public static func pem(_ pem: String, algorithm: JWSAlgorithm? = nil, keyID: String? = nil) throws -> VerificationKey {
        if let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) {
            return try rsa(key, algorithm: algorithm ?? .rs256, keyID: keyID)
        }
        if let key = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            return try checked(VerificationKey(algorithm: .es256, keyID: keyID, material: .p256(key)), requested: algorithm)
        }
        if let key = try? P384.Signing.PublicKey(pemRepresentation: pem) {
            return try checked(VerificationKey(algorithm: .es384, keyID: keyID, material: .p384(key)), requested: algorithm)
        }
        if let key = try? Curve25519.Signing.PublicKey(pemRepresentation: pem) {
            return try checked(VerificationKey(algorithm: .edDSA, keyID: keyID, material: .ed25519(key)), requested: algorithm)
        }
        throw Unusable(description: "not a PEM RSA, P-256, P-384 or Ed25519 public key")
    }

    private static func checked(_ key: VerificationKey, requested: JWSAlgorithm?) throws -> VerificationKey {
        if let requested, requested != key.algorithm {
            throw Unusable(description: "a \(key.algorithm.rawValue) key cannot be used with \(requested.rawValue)")
        }
        return key
    }

    private static func rsa(_ key: _RSA.Signing.PublicKey, algorithm: JWSAlgorithm, keyID: String?) throws -> VerificationKey {
        guard [.rs256, .rs384, .rs512, .ps256].contains(algorithm) else {
            throw Unusable(description: "an RSA key cannot be used with \(algorithm.rawValue)")
        }
        guard key.keySizeInBits >= 2048 else { throw Unusable(description: "RSA keys below 2048 bits are refused") }
        return VerificationKey(algorithm: algorithm, keyID: keyID, material: .rsa(key))
    }

    /// A key from one JWK object. The algorithm is the JWK's `alg`, else the one its
    /// type implies (RSA → RS256, P-256 → ES256, P-384 → ES384, Ed25519 → EdDSA).
    /// Keys for encryption (`use: enc`), private keys and symmetric keys are refused.
    public static func jwk(_ jwk: [String: JSONValue]) throws -> VerificationKey {
        let kid = jwk["kid"]?.stringValue
        if let use = jwk["use"]?.stringValue, use != "sig" { throw Unusable(description: "key \(kid ?? "?") is for \(use), not signatures") }
        if jwk["d"] != nil { throw Unusable(description: "key \(kid ?? "?") is a private key; a JWKS must publish public keys only") }
        let declared = try jwk["alg"]?.stringValue.map { name -> JWSAlgorithm in
            guard let algorithm = JWSAlgorithm(rawValue: name), algorithm != .hs256 else {
                throw Unusable(description: "key \(kid ?? "?") has unsupported alg \(name)")
            }
            return algorithm
        }
        func bytes(_ member: String) throws -> [UInt8] {
            guard let text = jwk[member]?.stringValue, let decoded = Base64URL.decode(text), !decoded.isEmpty else {
                throw Unusable(description: "key \(kid ?? "?") lacks a valid \"\(member)\"")
            }
            return decoded
        }
        switch jwk["kty"]?.stringValue {
        case "RSA":
            let key = try _RSA.Signing.PublicKey(n: bytes("n"), e: bytes("e"))
            return try rsa(key, algorithm: declared ?? .rs256, keyID: kid)
        case "EC":
            let x = try bytes("x")
            let y = try bytes("y")
            switch jwk["crv"]?.stringValue {
            case "P-256":
                guard x.count == 32, y.count == 32 else { throw Unusable(description: "key \(kid ?? "?") has bad P-256 coordinates") }
                let key = try P256.Signing.PublicKey(x963Representation: [0x04] + x + y)
                return try checked(VerificationKey(algorithm: .es256, keyID: kid, material: .p256(key)), requested: declared)
            case "P-384":
                guard x.count == 48, y.count == 48 else { throw Unusable(description: "key \(kid ?? "?") has bad P-384 coordinates") }
                let key = try P384.Signing.PublicKey(x963Representation: [0x04] + x + y)
                return try checked(VerificationKey(algorithm: .es384, keyID: kid, material: .p384(key)), requested: declared)
            case let curve:
                throw Unusable(description: "key \(kid ?? "?") uses unsupported curve \(curve ?? "none")")
            }
        case "OKP":
            guard jwk["crv"]?.stringValue == "Ed25519" else { throw Unusable(description: "key \(kid ?? "?") is OKP but not Ed25519") }
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: bytes("x"))
            return try checked(VerificationKey(algorithm: .edDSA, keyID: kid, material: .ed25519(key)), requested: declared)
        case let type:
            throw Unusable(description: "key \(kid ?? "?") has unsupported kty \(type ?? "none")")
        }
    }

    /// Whether `signature` is this key's signature over `signingInput`.
    public func verify(signature: [UInt8], signingInput: [UInt8]) -> Bool {
        switch material {
        case .rsa(let key):
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch algorithm {
            case .rs256: return key.isValidSignature(rsaSignature, for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5)
            case .rs384: return key.isValidSignature(rsaSignature, for: SHA384.hash(data: signingInput), padding: .insecurePKCS1v1_5)
            case .rs512: return key.isValidSignature(rsaSignature, for: SHA512.hash(data: signingInput), padding: .insecurePKCS1v1_5)
            case .ps256: return key.isValidSignature(rsaSignature, for: SHA256.hash(data: signingInput), padding: .PSS)
            default: return false
            }
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA256.hash(data: signingInput))
        case .p384(let key):
            guard let parsed = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA384.hash(data: signingInput))
        case .ed25519(let key):
            return key.isValidSignature(signature, for: signingInput)
        case .hmac(let secret):
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: secret)
        }
    }
}
