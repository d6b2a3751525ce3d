import HTTPTypes

/// Accepts exactly one static bearer token. For development and local trials only:
/// production servers verify JWTs.
public struct DevTokenAuthenticator: Sendable {
    let token: [UInt8]
    let principal: Principal

    /// Accepts `token` as `subject` with `scopes`.
    public init(token: String, subject: String = "dev-user", scopes: Set<String> = []) {
        self.token = Array(token.utf8)
        self.principal = Principal(subject: subject, scopes: scopes)
    }

    /// The `authenticate` callback. The header is read as `JWTVerifier` reads it (RFC 6750).
    public func authenticate(_ head: RequestHead) async throws -> Principal? {
        switch BearerAuthorization.token(from: head.headers[values: .authorization]) {
        case .failure(.missing):
            throw AuthenticationError.missingCredentials()
        case .failure(.malformed(let reason)):
            throw AuthenticationError.invalidRequest(reason)
        case .success(let presented):
            guard Self.constantTimeEquals(Array(presented.utf8), token) else {
                throw AuthenticationError.invalidToken("the token is not valid")
            }
            return principal
        }
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
