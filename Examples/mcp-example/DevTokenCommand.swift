import ArgumentParser
import Foundation
import JWTKit
import MCPCommandLine

/// `mcp-example dev-token`: mints a token the development configuration accepts.
struct DevTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-token",
        abstract: "Mint a development JWT (HS256 secret or a PEM private key) and print it.",
        discussion: """
            Examples:
              mcp-example dev-token --jwt-hs256-secret-file secret.txt --sub alice --scope "mcp:read" --audience http://127.0.0.1:8080/mcp
              mcp-example dev-token --jwt-private-key signing.pem --kid key-1 --issuer https://auth.example.com/ --count 1000
            """)

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

    @Option(help: "How many tokens to mint, one per line, each with its own token id (jti); for load tests.")
    var count = 1

    @OptionGroup var secret: HS256SecretOptions

    @Option(help: "Issuer (iss) to put in the token.")
    var issuer: String?

    @Option(help: "Audience (aud) to put in the token: the URL of the server that will check it.")
    var audience: String?

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var scope: String?
        var iss: IssuerClaim?
        var aud: AudienceClaim?
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var jti: IDClaim?

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    mutating func run() async throws {
        guard ttl > 0 else { throw ValidationError("--ttl must be positive") }
        guard count > 0 else { throw ValidationError("--count must be positive") }
        let now = Date()
        let claims = Claims(
            sub: .init(value: sub), scope: scope.isEmpty ? nil : scope, iss: issuer.map { .init(value: $0) },
            aud: audience.map { .init(value: [$0]) }, exp: .init(value: now.addingTimeInterval(TimeInterval(ttl))),
            iat: .init(value: now), jti: nil)
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
        } else if let secret = try secret.secret() {
            guard secret.count >= 32 else { throw ValidationError("the HS256 secret needs at least 32 bytes") }
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: identifier)
        } else {
            throw ValidationError("give --jwt-hs256-secret[-file] (or MCP_JWT_HS256_SECRET) or --jwt-private-key")
        }
        if count == 1 {
            print(try await keys.sign(claims))
            return
        }
        // Many tokens (load tests): distinct token ids, signed on every core, printed in order.
        let signer = keys
        let batch = 256
        var minted = 0
        while minted < count {
            let range = minted..<min(count, minted + batch)
            let tokens = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in range {
                    var each = claims
                    each.jti = .init(value: "t\(index)")
                    group.addTask { (index, try await signer.sign(each)) }
                }
                var signed: [(Int, String)] = []
                for try await token in group { signed.append(token) }
                return signed.sorted { $0.0 < $1.0 }.map(\.1)
            }
            print(tokens.joined(separator: "\n"))
            minted = range.upperBound
        }
    }
}
