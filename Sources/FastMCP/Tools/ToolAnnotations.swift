import MCPProxy

/// MCP tool annotations: hints for clients, not guarantees.
public struct ToolAnnotations: Sendable, Hashable {
    /// A human-readable title.
    public var title: String?
    /// `readOnlyHint`: the tool changes nothing.
    public var readOnly: Bool?
    /// `destructiveHint`: the tool may destroy something.
    public var destructive: Bool?
    /// `idempotentHint`: calling it twice with the same arguments does no more than once.
    public var idempotent: Bool?
    /// `openWorldHint`: the tool reaches outside the server (the web, other systems).
    public var openWorld: Bool?

    /// Annotations; an unset hint is left out.
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
