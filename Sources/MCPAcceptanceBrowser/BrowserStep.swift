import MCPCore

/// One `fetch` the probe page makes, in each credentials mode it names.
struct BrowserStep: Sendable {
    /// The `fetch` credentials modes.
    enum Credentials: String, Sendable, CaseIterable {
        case omit, include
    }

    /// Names the step in observations and evidence (`2025 initialize`).
    var label: String
    /// The request method.
    var method = "POST"
    /// The URL fetched.
    var url: String
    /// The request headers, in order.
    var headers: [(String, String)]
    /// The request body.
    var body: String?
    /// The modes it runs in, in order.
    var modes: [Credentials] = Credentials.allCases

    /// The step as the page's plan carries it.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "label": .string(label), "method": .string(method), "url": .string(url),
            "headers": .array(headers.map { .array([.string($0.0), .string($0.1)]) }),
            "modes": .array(modes.map { .string($0.rawValue) }),
        ]
        if let body { members["body"] = .string(body) }
        return .object(members)
    }

    /// `POST http://…/mcp` with the names of its headers (values are left out: one is a token).
    var described: String {
        "fetch(\(method) \(url)) with \(headers.map(\.0).joined(separator: ", "))"
    }
}
