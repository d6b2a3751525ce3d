import MCPCore

/// A resource as `resources/list` describes it.
public struct ListedResource: Sendable, Hashable {
    /// Its URI.
    public var uri: String
    /// Its name.
    public var name: String
    /// Its display title, when given.
    public var title: String?
    /// Its description, when given.
    public var description: String?
    /// The media type of its contents, when given.
    public var mimeType: String?

    init(_ entry: JSONValue) throws(MCPTestError) {
        guard let uri = entry["uri"]?.stringValue, let name = entry["name"]?.stringValue else {
            throw .unexpectedResult(method: "resources/list", reason: "a resource without uri or name: \(JSONWriter.string(entry))")
        }
        self.uri = uri
        self.name = name
        self.title = entry["title"]?.stringValue
        self.description = entry["description"]?.stringValue
        self.mimeType = entry["mimeType"]?.stringValue
    }
}
