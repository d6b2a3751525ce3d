import MCPCore

/// What the page saw for one step in one credentials mode: a response it could read, or the
/// error `fetch` threw.
struct BrowserObservation: Sendable, Equatable {
    /// The step's label.
    var label: String
    /// The credentials mode.
    var credentials: BrowserStep.Credentials
    /// The status the page could read (`nil`: `fetch` threw).
    var status: Int?
    /// The response headers the page asked for, as `Headers.get` returned them (`nil`: not readable).
    var headers: [String: String?]
    /// The start of the body the page read.
    var body: String?
    /// The error `fetch` threw (`TypeError: Failed to fetch`), when it threw.
    var error: String?

    /// The observation in `json`, the page's report, or `nil` when it does not have this shape.
    init?(json: JSONValue) {
        guard let label = json["label"]?.stringValue, let mode = json["credentials"]?.stringValue.flatMap(BrowserStep.Credentials.init(rawValue:)) else {
            return nil
        }
        self.label = label
        credentials = mode
        status = json["status"]?.intValue
        var headers: [String: String?] = [:]
        for (name, value) in json["headers"]?.objectValue ?? [:] { headers[name.lowercased()] = value.stringValue }
        self.headers = headers
        body = json["body"]?.stringValue
        error = json["error"]?.stringValue
    }

    /// An observation with these parts (tests).
    init(label: String, credentials: BrowserStep.Credentials, status: Int?, headers: [String: String?] = [:], body: String? = nil, error: String? = nil) {
        self.label = label
        self.credentials = credentials
        self.status = status
        self.headers = headers
        self.body = body
        self.error = error
    }

    /// The response carried a JSON-RPC result or error the page could read.
    var readJSONRPC: Bool { body.map { $0.contains("\"jsonrpc\"") && ($0.contains("\"result\"") || $0.contains("\"error\"")) } ?? false }

    /// A readable header's value (`nil`: absent or not exposed to the page).
    func header(_ name: String) -> String? { headers[name.lowercased()] ?? nil }

    /// One line: the mode, then the status and readable headers, or the error.
    var summary: String {
        if let error { return "credentials \"\(credentials.rawValue)\": fetch threw \(error)" }
        let read = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\"\(Self.excerpt($0, 60))\"" } ?? "null")" }
        return "credentials \"\(credentials.rawValue)\": status \(status.map(String.init) ?? "none")\(read.isEmpty ? "" : "; Headers.get → " + read.joined(separator: ", "))"
    }

    static func excerpt(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
