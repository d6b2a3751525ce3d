import Crypto
import Foundation
import MCPCore

/// HS256 tokens for tests (signed here, verified by the code under test).
package enum TestTokens {
    package static func hs256(secret: [UInt8], claims: [String: JSONValue], lifetime: Int = 600) -> String {
        var claims = claims
        let now = Int(Date().timeIntervalSince1970)
        if claims["exp"] == nil { claims["exp"] = .int(now + lifetime) }
        if claims["iat"] == nil { claims["iat"] = .int(now) }
        let header = Base64URL.encode(JSONWriter.bytes(["alg": "HS256", "typ": "JWT"]))
        let input = header + "." + Base64URL.encode(JSONWriter.bytes(.object(claims)))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: secret))
        return input + "." + Base64URL.encode(Array(mac))
    }
}
