/// What a server says about itself: in `initialize` (2025 era) and `server/discover` (2026-07-28).
public struct ServerDescription: Sendable, Hashable {
    /// The server's name.
    public var name: String
    /// The server's version.
    public var version: String
    /// A human-readable title.
    public var title: String?
    /// Instructions for the model, when given.
    public var instructions: String?
    /// The server capabilities object (`tools`, `resources`, `prompts`, `logging`, …).
    public var capabilities: JSONValue

    /// A description.
    public init(name: String, version: String, title: String? = nil, instructions: String? = nil, capabilities: JSONValue = [:]) {
        self.name = name
        self.version = version
        self.title = title
        self.instructions = instructions
        self.capabilities = capabilities
    }

    /// The `serverInfo` (`Implementation`) object.
    public var serverInfo: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "version": .string(version)]
        if let title { members["title"] = .string(title) }
        return .object(members)
    }

    /// Whether the capabilities name `feature` (e.g. `"tools"`).
    public func offers(_ feature: String) -> Bool { capabilities[feature] != nil }
}
