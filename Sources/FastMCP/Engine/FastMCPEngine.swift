import MCPProxy

/// The facade's `MCPHandler`: an immutable registry built once, so a request
/// costs decoding, one handler call and encoding — nothing is rebuilt per request.
public struct FastMCPEngine: MCPHandler {
    /// What the server says about itself, built once.
    public let serverDescription: ServerDescription
    let stateless: Bool
    /// Where the servers hosting this engine register their notifiers (``FastMCPServer/notifier``).
    let hub: NotifierHub
    private let tools: [String: ToolEntry]
    private let resources: [String: ResourceEntry]
    private let templates: [TemplateEntry]
    private let prompts: [String: PromptEntry]
    private let toolPages: Pages
    private let resourcePages: Pages
    private let templatePages: Pages
    private let promptPages: Pages

    init(description: ServerDescription, registry: Registry, stateless: Bool, pageSize: Int, hub: NotifierHub) {
        self.serverDescription = description
        self.stateless = stateless
        self.hub = hub
        self.tools = Dictionary(registry.tools.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.resources = Dictionary(registry.resources.map { ($0.uri, $0) }, uniquingKeysWith: { _, last in last })
        self.templates = registry.templates
        self.prompts = Dictionary(registry.prompts.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.toolPages = Pages(key: "tools", items: registry.tools.map(\.listing), pageSize: pageSize)
        self.resourcePages = Pages(key: "resources", items: registry.resources.map(\.listing), pageSize: pageSize)
        self.templatePages = Pages(key: "resourceTemplates", items: registry.templates.map(\.listing), pageSize: pageSize)
        self.promptPages = Pages(key: "prompts", items: registry.prompts.map(\.listing), pageSize: pageSize)
    }

    /// Answers one request from the frozen registry.
    public func handle(_ request: JSONRPCRequest, context base: MCPRequestContext) async throws -> JSONValue {
        let context = Context(base, stateless: stateless, hub: hub)
        switch request.method {
        case "initialize":
            var result: [String: JSONValue] = [
                "protocolVersion": .string(ProtocolVersion.negotiate(requested: request.params?["protocolVersion"]?.stringValue)),
                "capabilities": serverDescription.capabilities,
                "serverInfo": serverDescription.serverInfo,
            ]
            if let instructions = serverDescription.instructions { result["instructions"] = .string(instructions) }
            return .object(result)
        case "ping", "logging/setLevel":
            return [:]
        case "tools/list": return try toolPages.page(for: request.params)
        case "tools/call": return try await callTool(request.params, context)
        case "resources/list": return try resourcePages.page(for: request.params)
        case "resources/templates/list": return try templatePages.page(for: request.params)
        case "resources/read": return try await readResource(request.params, context)
        case "prompts/list": return try promptPages.page(for: request.params)
        case "prompts/get": return try await getPrompt(request.params, context)
        default: throw JSONRPCError.methodNotFound(request.method)
        }
    }

    /// Registers the hosting server's notifier, so that ``FastMCPServer/notifier`` reaches its clients.
    public func attach(notifier: ChangeNotifier) {
        hub.attach(notifier)
    }

    /// Ignored: client notifications change nothing in a frozen registry.
    public func handle(_ notification: JSONRPCNotification, context: MCPRequestContext) async {}

    private func callTool(_ params: JSONValue?, _ context: Context) async throws -> JSONValue {
        let name = try ToolCall.name(in: params)
        guard let tool = tools[name] else { throw JSONRPCError.invalidParams("Unknown tool: \(name)") }
        try ToolCall.checkScopes(tool.requiredScopes, tool: name, for: context.principal)
        let arguments = try ToolCall.arguments(in: params)
        return try await ToolCall.run(name) { try await tool.call(arguments, context) }
    }

    private func readResource(_ params: JSONValue?, _ context: Context) async throws -> JSONValue {
        guard let uri = params?["uri"]?.stringValue else { throw JSONRPCError.invalidParams("resources/read needs a string \"uri\"") }
        let contents: ResourceContents
        let registered: String?
        if let resource = resources[uri] {
            contents = try await resource.read(context)
            registered = resource.mimeType
        } else if let (template, variables) = templates.lazy.compactMap({ entry in entry.template.match(uri).map { (entry, $0) } }).first {
            contents = try await template.read(variables, context)
            registered = template.mimeType
        } else {
            throw JSONRPCError(code: JSONRPCError.resourceNotFoundCode, message: "Resource not found", data: ["uri": .string(uri)])
        }
        return ["contents": [contents.json(uri: uri, registeredMimeType: registered)]]
    }

    private func getPrompt(_ params: JSONValue?, _ context: Context) async throws -> JSONValue {
        guard let name = params?["name"]?.stringValue else { throw JSONRPCError.invalidParams("prompts/get needs a string \"name\"") }
        guard let prompt = prompts[name] else { throw JSONRPCError.invalidParams("Unknown prompt: \(name)") }
        let messages: [PromptMessage]
        do {
            messages = try await prompt.get(try ToolCall.arguments(in: params), context)
        } catch let error as ToolError {
            throw JSONRPCError.invalidParams("prompt \(name): \(error.message)")
        }
        var result: [String: JSONValue] = ["messages": .array(messages.map(\.json))]
        if let description = prompt.description { result["description"] = .string(description) }
        return .object(result)
    }
}
