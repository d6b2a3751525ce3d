import HTTPTypes
import MCPProxy
import TestSupport
import Synchronization

/// An `authenticate` callback that counts its calls and maps tokens to principals.
final class AuthProbe: Sendable {
    let calls = Atomic<Int>(0)
    let principals: [String: Principal]

    init(_ principals: [String: Principal] = ["alice-token": Principal(subject: "alice", scopes: ["mcp:read"]), "bob-token": Principal(subject: "bob")]) {
        self.principals = principals
    }

    var count: Int { calls.load(ordering: .relaxed) }

    var authenticator: Authenticator {
        { head in try self.authenticate(head) }
    }

    func authenticate(_ head: RequestHead) throws -> Principal? {
        calls.wrappingAdd(1, ordering: .relaxed)
        guard let value = head.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        let token = String(value.dropFirst("Bearer ".count))
        if token == "forbidden-token" {
            throw AuthenticationError(status: .forbidden, message: "Forbidden: account disabled", bearerError: "insufficient_scope", scope: ["admin"])
        }
        if token == "throws-token" { throw TestFailure("backend unavailable") }
        return principals[token]
    }
}
