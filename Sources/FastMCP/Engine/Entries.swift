import MCPProxy

/// A registered tool, type-erased for the engine.
struct ToolEntry: Sendable {
    var name: String
    var listing: JSONValue
    var requiredScopes: [String]
    var call: @Sendable (_ arguments: [String: JSONValue], _ context: Context) async throws -> ToolResult
}

/// A registered static resource.
struct ResourceEntry: Sendable {
    var uri: String
    /// The registered MIME type, used when the contents name none.
    var mimeType: String?
    var listing: JSONValue
    var read: @Sendable (_ context: Context) async throws -> ResourceContents
}

/// A registered resource template.
struct TemplateEntry: Sendable {
    var template: URITemplate
    /// The template as registered (duplicates are refused on it).
    var source: String
    /// The registered MIME type, used when the contents name none.
    var mimeType: String?
    var listing: JSONValue
    var read: @Sendable (_ variables: [String: String], _ context: Context) async throws -> ResourceContents
}

/// A registered prompt.
struct PromptEntry: Sendable {
    var name: String
    var listing: JSONValue
    var get: @Sendable (_ arguments: [String: JSONValue], _ context: Context) async throws -> [PromptMessage]
    var description: String?
}

/// Everything registered, as it stands when the server starts.
struct Registry: Sendable {
    var tools: [ToolEntry] = []
    var resources: [ResourceEntry] = []
    var templates: [TemplateEntry] = []
    var prompts: [PromptEntry] = []
}
