/// A resource served by ``NativeMCPServer``.
public struct NativeResource: Sendable {
    /// The resource's URI.
    public var uri: String
    /// Its name.
    public var name: String
    /// What it holds, when described.
    public var description: String?
    /// Its MIME type (`text/plain` by default).
    public var mimeType: String
    /// Reads its text for one request.
    public var read: @Sendable (_ context: MCPRequestContext) async throws -> String

    /// A resource.
    public init(
        uri: String, name: String, description: String? = nil, mimeType: String = "text/plain",
        read: @escaping @Sendable (_ context: MCPRequestContext) async throws -> String
    ) {
        self.uri = uri
        self.name = name
        self.description = description
        self.mimeType = mimeType
        self.read = read
    }

    /// The `resources/list` entry.
    public var listing: JSONValue {
        var members: [String: JSONValue] = ["uri": .string(uri), "name": .string(name), "mimeType": .string(mimeType)]
        if let description { members["description"] = .string(description) }
        return .object(members)
    }
}
