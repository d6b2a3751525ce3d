import Foundation
import MCPCore

/// One HTTP request and its response, as the cases see them.
public struct Exchange: Sendable {
    /// The request method.
    public var method: String
    /// The request URL.
    public var url: String
    /// The request headers, as sent.
    public var requestHeaders: [(String, String)]
    /// The request body, when there was one.
    public var requestBody: String?
    /// The response status.
    public var status: Int
    /// Response headers, names lowercased; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The response body.
    public var body: String

    /// A response header by name (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The JSON-RPC messages of the body: one JSON document, or the `data:` lines of an SSE stream.
    public var messages: [JSONValue] {
        EventStreamMessages.parse(body, isEventStream: EventStreamMessages.isEventStream(contentType: header("content-type")))
    }

    /// The response to a request (the message with `result` or `error`).
    public var reply: JSONValue? { messages.last { $0["result"] != nil || $0["error"] != nil } }
    /// The reply's `result`.
    public var result: JSONValue? { reply?["result"] }
    /// The reply's `error.code`.
    public var errorCode: Int? { reply?["error"]?["code"]?.intValue }
    /// Whether the body carries a JSON-RPC 2.0 response (a result, or an error with a code).
    public var isJSONRPCReply: Bool {
        guard let reply, reply["jsonrpc"]?.stringValue == "2.0" else { return false }
        return reply["result"] != nil || reply["error"]?["code"]?.intValue != nil
    }

    /// Evidence for a failed expectation, with the headers that matter.
    public func evidence(_ expected: String, headers names: [String] = []) -> Evidence {
        var shown: [String: String] = [:]
        for name in ["content-type", "www-authenticate", "mcp-session-id"] + names.map({ $0.lowercased() }) {
            if let value = headers[name] { shown[name] = value }
        }
        let request = Self.describe(method: method, url: url, headers: requestHeaders, body: requestBody)
        return Evidence(expected: expected, request: request, status: status, headers: shown, bodyExcerpt: Self.excerpt(body, 300))
    }

    /// A request as evidence shows it: method, URL, headers (a token is never printed) and a body excerpt.
    static func describe(method: String, url: String, headers: [(String, String)], body: String?) -> String {
        let sentHeaders = headers.filter { $0.0.lowercased() != "authorization" }.map { "\($0.0): \($0.1)" }
            + (headers.contains { $0.0.lowercased() == "authorization" } ? ["Authorization: Bearer …"] : [])
        var request = "\(method) \(url)"
        if !sentHeaders.isEmpty { request += " [" + sentHeaders.joined(separator: "; ") + "]" }
        if let body { request += " " + excerpt(body, 160) }
        return request
    }

    static func excerpt(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "⏎")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}

