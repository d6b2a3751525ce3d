/// A tool served by ``NativeMCPServer``: its description and its handler.
public struct NativeTool: Sendable {
    /// The tool's name.
    public var name: String
    /// A human-readable title.
    public var title: String?
    /// What the tool does, for the model.
    public var description: String
    /// JSON Schema of the arguments object.
    public var inputSchema: JSONValue
    /// JSON Schema of `structuredContent`, if the tool returns it.
    public var outputSchema: JSONValue?
    /// MCP tool annotations (`readOnlyHint`, `destructiveHint`, …).
    public var annotations: JSONValue?
    /// Scopes the caller must hold to call the tool (listing stays open).
    public var requiredScopes: [String]
    /// Runs one call.
    public var handler: @Sendable (_ arguments: [String: JSONValue], _ context: MCPRequestContext) async throws -> ToolResult

    /// A tool.
    public init(
        name: String, title: String? = nil, description: String, inputSchema: JSONValue = ["type": "object"],
        outputSchema: JSONValue? = nil, annotations: JSONValue? = nil, requiredScopes: [String] = [],
        handler: @escaping @Sendable (_ arguments: [String: JSONValue], _ context: MCPRequestContext) async throws -> ToolResult
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.requiredScopes = requiredScopes
        self.handler = handler
    }

    /// The `tools/list` entry.
    public var listing: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "inputSchema": inputSchema,
        ]
        if let title { members["title"] = .string(title) }
        if let outputSchema { members["outputSchema"] = outputSchema }
        if let annotations { members["annotations"] = annotations }
        return .object(members)
    }
}

/// The result of a tool call.
public struct ToolResult: Sendable, Hashable {
    /// The content items (text, images, resources…).
    public var content: [JSONValue]
    /// The structured result, when the tool declares an output schema.
    public var structuredContent: JSONValue?
    /// Whether the call failed in a way the model should see.
    public var isError: Bool

    /// A result.
    public init(content: [JSONValue], structuredContent: JSONValue? = nil, isError: Bool = false) {
        self.content = content
        self.structuredContent = structuredContent
        self.isError = isError
    }

    /// A single text block.
    public static func text(_ text: String, structured: JSONValue? = nil) -> ToolResult {
        ToolResult(content: [["type": "text", "text": .string(text)]], structuredContent: structured)
    }

    /// A tool-level error the model can read and act on.
    public static func error(_ message: String) -> ToolResult {
        ToolResult(content: [["type": "text", "text": .string(message)]], isError: true)
    }

    /// The `tools/call` result object.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["content": .array(content), "isError": .bool(isError)]
        if let structuredContent { members["structuredContent"] = structuredContent }
        return .object(members)
    }
}
