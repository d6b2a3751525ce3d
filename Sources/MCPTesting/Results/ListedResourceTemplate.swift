import MCPCore

/// A resource template as `resources/templates/list` describes it.
public struct ListedResourceTemplate: Sendable, Hashable {
    /// The RFC 6570 URI template.
    public var uriTemplate: String
    /// Its name.
    public var name: String
    /// Its description, when given.
    public var description: String?
    /// The media type of what it reads, when given.
    public var mimeType: String?

    init(_ entry: JSONValue) throws(MCPTestError) {
        guard let uriTemplate = entry["uriTemplate"]?.stringValue, let name = entry["name"]?.stringValue else {
            throw .unexpectedResult(method: "resources/templates/list", reason: "a template without uriTemplate or name: \(JSONWriter.string(entry))")
        }
        self.uriTemplate = uriTemplate
        self.name = name
        self.description = entry["description"]?.stringValue
        self.mimeType = entry["mimeType"]?.stringValue
    }
}
