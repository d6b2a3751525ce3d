/// A resource served by ``NativeMCPServer``.
public struct NativeResource: Sendable {
    public var uri: String
    public var name: String
    public var description: String?
    public var mimeType: String
    public var read: @Sendable (_ context: MCPRequestContext) async throws -> String

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
