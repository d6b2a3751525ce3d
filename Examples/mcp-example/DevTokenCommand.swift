import ArgumentParser
import Foundation
import JWTKit
import MCPCommandLine

/// `mcp-example dev-token`: mints a token the development configuration accepts.
struct DevTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-token",
        abstract: "Mint a development JWT (HS256 secret or a PEM private key) and print it.")

    @Option(help: "Subject (sub).")
    var sub = "dev-user"

    @Option(help: "Space-separated scopes (scope).")
    var scope = ""

    @Option(help: "Lifetime in seconds.")
    var ttl = 3600

    @Option(name: .customLong("jwt-private-key"), help: "PEM private key (RSA → RS256, P-256 → ES256) to sign with instead of the HS256 secret.")
    var privateKeyFile: String?

    @Option(help: "Key id (kid) to put in the header.")
    var kid: String?

    @OptionGroup var jwt: JWTOptions

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var scope: String?
        var iss: IssuerClaim?
        var aud: AudienceClaim?
        var exp: ExpirationClaim
        var iat: IssuedAtClaim

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    mutating func run() async throws {
        guard ttl > 0 else { throw ValidationError("--ttl must be positive") }
        let now = Date()
        let claims = Claims(
            sub: .init(value: sub), scope: scope.isEmpty ? nil : scope, iss: jwt.issuer.map { .init(value: $0) },
            aud: jwt.audience.map { .init(value: [$0]) }, exp: .init(value: now.addingTimeInterval(TimeInterval(ttl))),
            iat: .init(value: now))
        let keys = JWTKeyCollection()
        let identifier = kid.map { JWKIdentifier(string: $0) }
        if let privateKeyFile {
            guard let pem = try? String(contentsOfFile: privateKeyFile, encoding: .utf8) else {
                throw ValidationError("cannot read --jwt-private-key \(privateKeyFile)")
            }
            if let rsa = try? Insecure.RSA.PrivateKey(pem: pem) {
                await keys.add(rsa: rsa, digestAlgorithm: .sha256, kid: identifier)
            } else if let ec = try? ES256PrivateKey(pem: pem) {
                await keys.add(ecdsa: ec, kid: identifier)
            } else {
                throw ValidationError("\(privateKeyFile) is not a PEM RSA or P-256 private key")
            }
        } else if let secret = try jwt.secret() {
            guard secret.count >= 32 else { throw ValidationError("the HS256 secret needs at least 32 bytes") }
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: identifier)
        } else {
            throw ValidationError("give --jwt-hs256-secret[-file] (or MCP_JWT_HS256_SECRET) or --jwt-private-key")
        }
        print(try await keys.sign(claims))
    }
}
