import MCPProxy

/// MCP tool annotations: hints for clients, not guarantees.
public struct ToolAnnotations: Sendable, Hashable {
    public var title: String?
    public var readOnly: Bool?
    public var destructive: Bool?
    public var idempotent: Bool?
    public var openWorld: Bool?

    public init(title: String? = nil, readOnly: Bool? = nil, destructive: Bool? = nil, idempotent: Bool? = nil, openWorld: Bool? = nil) {
        self.title = title
        self.readOnly = readOnly
        self.destructive = destructive
        self.idempotent = idempotent
        self.openWorld = openWorld
    }

    /// A tool that only reads.
    public static let readOnly = ToolAnnotations(readOnly: true, destructive: false, idempotent: true)

    var json: JSONValue? {
        var members: [String: JSONValue] = [:]
        if let title { members["title"] = .string(title) }
        if let readOnly { members["readOnlyHint"] = .bool(readOnly) }
        if let destructive { members["destructiveHint"] = .bool(destructive) }
        if let idempotent { members["idempotentHint"] = .bool(idempotent) }
        if let openWorld { members["openWorldHint"] = .bool(openWorld) }
        return members.isEmpty ? nil : .object(members)
    }
}
