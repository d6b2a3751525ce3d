import HTTPTypes

/// Renders refusals with RFC 6750 `WWW-Authenticate: Bearer` challenges, adding the
/// RFC 9728 `resource_metadata` parameter when protected-resource metadata is served.
struct ChallengeBuilder: Sendable {
    /// The metadata URL for a request, or `nil` when no metadata is served.
    let metadataURL: @Sendable (RequestHead) -> String?

    func unauthorized(_ head: RequestHead, message: String) -> Refusal {
        refusal(for: .missingCredentials(message), head: head)
    }

    func refusal(for error: AuthenticationError, head: RequestHead?) -> Refusal {
        var headers: HTTPFields = [:]
        if let challenge = error.challenge, !challenge.isEmpty {
            headers[.wwwAuthenticate] = challenge
        } else if error.challenge == nil, error.status == .unauthorized || error.status == .forbidden || error.bearerError != nil {
            headers[.wwwAuthenticate] = render(error, metadata: head.flatMap(metadataURL))
        }
        if let retryAfter = error.retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        let code = error.status == .badRequest ? JSONRPCError.invalidRequestCode : JSONRPCError.serverErrorCode
        return Refusal(status: error.status, error: JSONRPCError(code: code, message: error.message), headers: headers)
    }

    /// `Bearer` followed by the quoted, escaped auth-params (RFC 6750 §3).
    func render(_ error: AuthenticationError, metadata: String?) -> String {
        var parameters: [(String, String)] = []
        if let code = error.bearerError { parameters.append(("error", code)) }
        if let description = error.errorDescription { parameters.append(("error_description", description)) }
        if let scope = error.scope { parameters.append(("scope", scope.joined(separator: " "))) }
        if let metadata { parameters.append(("resource_metadata", metadata)) }
        guard !parameters.isEmpty else { return "Bearer" }
        return "Bearer " + parameters.map { "\($0.0)=\(Self.quoted($0.1))" }.joined(separator: ", ")
    }

    /// An RFC 9110 quoted-string: `"` and `\` escaped, control characters and non-ASCII replaced.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"", "\\": result += "\\" + String(scalar)
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "?"
            }
        }
        return result + "\""
    }
}
