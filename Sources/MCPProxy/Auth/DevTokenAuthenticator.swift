import HTTPTypes

/// Accepts exactly one static bearer token. For development and local trials only:
/// production servers verify JWTs.
public struct DevTokenAuthenticator: Sendable {
    let token: String
    let principal: Principal

    public init(token: String, subject: String = "dev-user", scopes: Set<String> = []) {
        self.token = token
        self.principal = Principal(subject: subject, scopes: scopes)
    }

    /// The `authenticate` callback.
    public func authenticate(_ head: RequestHead) async throws -> Principal? {
        let values = head.headers[values: .authorization]
        guard values.count == 1, let value = values.first else {
            if values.count > 1 { throw AuthenticationError.invalidRequest("more than one Authorization header") }
            throw AuthenticationError.missingCredentials()
        }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthenticationError.missingCredentials()
        }
        guard Self.constantTimeEquals(Array(parts[1].trimmingWhitespace().utf8), Array(token.utf8)) else {
            throw AuthenticationError.invalidToken("the token is not valid")
        }
        return principal
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
