import HTTPTypes

/// Thrown by `authenticate` to refuse a request with a specific status and challenge.
///
/// Any other error thrown by `authenticate`, or a `nil` principal, becomes a plain
/// 401 with a bare `Bearer` challenge.
public struct AuthenticationError: Error, Sendable, Hashable {
    /// The HTTP status: 401 (no or bad credentials), 403 (insufficient scope),
    /// 400 (malformed request) or 503 (keys unavailable).
    public var status: HTTPResponse.Status
    /// The message of the JSON-RPC error body.
    public var message: String
    /// The RFC 6750 `error` code (`invalid_request`, `invalid_token`, `insufficient_scope`).
    public var bearerError: String?
    /// The RFC 6750 `error_description`.
    public var errorDescription: String?
    /// The RFC 6750 `scope` (for `insufficient_scope`).
    public var scope: [String]?
    /// A complete `WWW-Authenticate` value that replaces the generated Bearer challenge.
    public var challenge: String?
    /// Seconds for `Retry-After`, if any.
    public var retryAfter: Int?

    /// A refusal; by default a 401 with a generated Bearer challenge.
    public init(
        status: HTTPResponse.Status = .unauthorized, message: String, bearerError: String? = nil,
        errorDescription: String? = nil, scope: [String]? = nil, challenge: String? = nil, retryAfter: Int? = nil
    ) {
        self.status = status
        self.message = message
        self.bearerError = bearerError
        self.errorDescription = errorDescription
        self.scope = scope
        self.challenge = challenge
        self.retryAfter = retryAfter
    }

    /// No credentials, or a scheme other than Bearer: 401 with a bare challenge (RFC 6750 §3.1).
    public static func missingCredentials(_ message: String = "Unauthorized: bearer token required") -> AuthenticationError {
        AuthenticationError(status: .unauthorized, message: message)
    }

    /// A token that failed verification: 401 `invalid_token`.
    public static func invalidToken(_ description: String) -> AuthenticationError {
        AuthenticationError(
            status: .unauthorized, message: "Unauthorized: \(description)", bearerError: "invalid_token",
            errorDescription: description)
    }

    /// A malformed `Authorization` header: 400 `invalid_request`.
    public static func invalidRequest(_ description: String) -> AuthenticationError {
        AuthenticationError(
            status: .badRequest, message: "Bad Request: \(description)", bearerError: "invalid_request",
            errorDescription: description)
    }

    /// A valid token lacking scopes: 403 `insufficient_scope`.
    public static func insufficientScope(_ scopes: [String]) -> AuthenticationError {
        AuthenticationError(
            status: .forbidden, message: "Forbidden: insufficient scope (needs \(scopes.joined(separator: " ")))",
            bearerError: "insufficient_scope", errorDescription: "requires scope: \(scopes.joined(separator: " "))",
            scope: scopes)
    }
}

/// The per-request authentication callback: a principal, or `nil`/an error to refuse.
public typealias Authenticator = @Sendable (RequestHead) async throws -> Principal?
