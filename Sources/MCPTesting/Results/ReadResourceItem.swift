import MCPCore

/// One item of a `resources/read` result: text or base64 `blob`.
public struct ReadResourceItem: Sendable, Hashable {
    /// The URI of this item.
    public var uri: String
    /// Its media type, when given.
    public var mimeType: String?
    /// The text, for a text resource.
    public var text: String?
    /// The base64 bytes, for a binary resource.
    public var blob: String?

    init(_ entry: JSONValue) throws(MCPTestError) {
        guard let uri = entry["uri"]?.stringValue else {
            throw .unexpectedResult(method: "resources/read", reason: "contents without uri: \(JSONWriter.string(entry))")
        }
        self.uri = uri
        self.mimeType = entry["mimeType"]?.stringValue
        self.text = entry["text"]?.stringValue
        self.blob = entry["blob"]?.stringValue
    }
}
