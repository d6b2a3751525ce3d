import Crypto
import CryptoExtras
import Foundation
import MCPProxy
import TestSupport

/// Signing keys for tests and a compact-JWS signer independent of the verifier.
struct TestSigningKey: Sendable {
    enum Material: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case hmac([UInt8])
    }

    let kid: String
    let alg: String
    let material: Material

    static func rsa(kid: String) throws -> TestSigningKey {
        TestSigningKey(kid: kid, alg: "RS256", material: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)))
    }
    static func p256(kid: String) -> TestSigningKey {
        TestSigningKey(kid: kid, alg: "ES256", material: .p256(P256.Signing.PrivateKey()))
    }
    static func ed25519(kid: String) -> TestSigningKey {
        TestSigningKey(kid: kid, alg: "EdDSA", material: .ed25519(Curve25519.Signing.PrivateKey()))
    }

    /// The public JWK.
    var jwk: JSONValue {
        switch material {
        case .rsa(let key):
            let primitives = try! key.publicKey.getKeyPrimitives()
            return ["kty": "RSA", "kid": .string(kid), "alg": .string(alg), "use": "sig",
                    "n": .string(Base64URL.encode(primitives.modulus)), "e": .string(Base64URL.encode(primitives.publicExponent))]
        case .p256(let key):
            let raw = Array(key.publicKey.x963Representation)
            return ["kty": "EC", "kid": .string(kid), "crv": "P-256",
                    "x": .string(Base64URL.encode(raw[1...32])), "y": .string(Base64URL.encode(raw[33...64]))]
        case .ed25519(let key):
            return ["kty": "OKP", "kid": .string(kid), "crv": "Ed25519", "x": .string(Base64URL.encode(key.publicKey.rawRepresentation))]
        case .hmac:
            return ["kty": "oct", "kid": .string(kid)]
        }
    }

    /// PEM of the public key (RSA and P-256).
    var publicPEM: String {
        switch material {
        case .rsa(let key): return key.publicKey.pemRepresentation
        case .p256(let key): return key.publicKey.pemRepresentation
        case .ed25519(let key): return key.publicKey.pemRepresentation
        case .hmac: return ""
        }
    }

    /// PEM of the private key (for PyJWT).
    var privatePEM: String {
        switch material {
        case .rsa(let key): return key.pemRepresentation
        case .p256(let key): return key.pemRepresentation
        case .ed25519(let key): return key.pemRepresentation
        case .hmac: return ""
        }
    }

    func sign(_ input: [UInt8]) -> [UInt8] {
        switch material {
        case .rsa(let key):
            return Array(try! key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        case .p256(let key):
            return Array(try! key.signature(for: SHA256.hash(data: input)).rawRepresentation)
        case .ed25519(let key):
            return Array(try! key.signature(for: input))
        case .hmac(let secret):
            return Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
        }
    }
}

/// Builds compact JWS tokens, including deliberately broken ones.
enum TestJWT {
    static let issuer = "https://auth.test.example"
    static let now = Int(Date().timeIntervalSince1970)

    static func claims(
        sub: String = "alice", aud: JSONValue = "http://127.0.0.1/mcp", scope: String? = "mcp:read mcp:write",
        exp: Int = now + 600, extra: [String: JSONValue] = [:]
    ) -> [String: JSONValue] {
        var claims: [String: JSONValue] = ["iss": .string(issuer), "sub": .string(sub), "aud": aud, "exp": .int(exp), "iat": .int(now)]
        if let scope { claims["scope"] = .string(scope) }
        for (key, value) in extra { claims[key] = value }
        return claims
    }

    static func encode(_ value: JSONValue) -> String { Base64URL.encode(JSONWriter.bytes(value)) }

    static func token(_ key: TestSigningKey, header: [String: JSONValue]? = nil, claims: [String: JSONValue]) -> String {
        let header = header ?? ["alg": .string(key.alg), "kid": .string(key.kid), "typ": "JWT"]
        let input = encode(.object(header)) + "." + encode(.object(claims))
        return input + "." + Base64URL.encode(key.sign(Array(input.utf8)))
    }
}
