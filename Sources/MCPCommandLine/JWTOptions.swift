import ArgumentParser
import Foundation
import MCPProxy

/// The token-verification flags of every server command (`dev-token` has its own minting flags).
public struct JWTOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--jwks-url`: the authorization server's JWKS.
    @Option(name: .customLong("jwks-url"), help: "JWKS URL of the authorization server (https, or http on loopback).")
    public var jwksURL: String?

    /// `--jwt-public-key`: PEM public key files that sign tokens.
    @Option(name: .customLong("jwt-public-key"), help: "PEM public key file that signs tokens (repeatable).")
    public var publicKeyFiles: [String] = []

    /// `--jwt-hs256-secret`, `--jwt-hs256-secret-file`: an HS256 shared secret.
    @OptionGroup public var hs256: HS256SecretOptions

    /// `--issuer`: the required `iss`.
    @Option(help: "Required token issuer (iss).")
    public var issuer: String?

    /// `--audience`: the required `aud` (default: the resource URL).
    @Option(help: "Required token audience (aud). Default: the resource URL.")
    public var audience: String?

    /// The HS256 secret from the flag, the file, or MCP_JWT_HS256_SECRET (in that order).
    public func secret() throws -> [UInt8]? { try hs256.secret() }

    /// Whether any JWT verification flag was given.
    public var configured: Bool { (try? secret()) != nil || jwksURL != nil || !publicKeyFiles.isEmpty }

    /// The key source these flags describe.
    public func keySource() throws -> KeySource {
        let secret = try secret()
        if let jwksURL {
            guard publicKeyFiles.isEmpty, secret == nil else {
                throw ValidationError("--jwks-url cannot be combined with --jwt-public-key or an HS256 secret")
            }
            do {
                return .jwks(try JWKSProvider(url: jwksURL))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        var keys: [VerificationKey] = []
        for file in publicKeyFiles {
            guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read --jwt-public-key \(file)")
            }
            do { keys.append(try VerificationKey.pem(pem)) } catch { throw ValidationError("\(file): \(error)") }
        }
        if let secret {
            do { keys.append(try VerificationKey.hs256(secret: secret)) } catch { throw ValidationError("\(error)") }
        }
        return .keys(keys)
    }
}
