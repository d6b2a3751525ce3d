/// An exchange that did not complete: the request being sent, why, and the part of the
/// response that arrived (status, headers, body so far), so a case that throws still
/// fails with evidence.
public struct ExchangeFailure: Error, CustomStringConvertible, Sendable {
    /// The request, described as in ``Evidence/request``.
    public var request: String
    /// What went wrong, e.g. the timeout that cut an endless stream.
    public var reason: String
    /// The response so far (`nil`: no head arrived).
    public var partial: Exchange?

    /// The reason, then the request.
    public var description: String { "\(reason) (\(request))" }

    /// This failure as the evidence of a failed case.
    public func evidence(expected: String) -> Evidence {
        var headers: [String: String] = [:]
        for name in ["content-type", "www-authenticate", "mcp-session-id"] {
            if let value = partial?.headers[name] { headers[name] = value }
        }
        let body = partial.map { Exchange.excerpt($0.body, 300) } ?? ""
        return Evidence(
            expected: expected, request: request, status: partial?.status, headers: headers,
            bodyExcerpt: body.isEmpty ? reason : "\(reason); received: \(body)")
    }
}
