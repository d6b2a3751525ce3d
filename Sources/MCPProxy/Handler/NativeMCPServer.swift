/// A small, fast MCP server: a fixed registry of tools and resources answered
/// without any per-request allocation beyond decoding and encoding.
///
/// It is the native implementation behind the seam; the FastMCP facade builds
/// its typed API on top of it.
public struct NativeMCPServer: MCPHandler {
    /// The server's name.
    public var name: String
    /// The server's version.
    public var version: String
    /// Instructions for the model, when given.
    public var instructions: String?
    /// Whether the capabilities announce `listChanged` (publish changes with ``ChangeNotifier``).
    public var announcesListChanges: Bool
    private let tools: [NativeTool]
    private let toolsByName: [String: NativeTool]
    private let resources: [NativeResource]
    private let resourcesByURI: [String: NativeResource]
    private let toolListing: JSONValue
    private let resourceListing: JSONValue

    /// A server with a fixed set of tools and resources.
    public init(
        name: String, version: String, instructions: String? = nil, tools: [NativeTool] = [], resources: [NativeResource] = [],
        announcesListChanges: Bool = false
    ) {
        self.announcesListChanges = announcesListChanges
        self.name = name
        self.version = version
        self.instructions = instructions
        self.tools = tools
        self.resources = resources
        self.toolsByName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.resourcesByURI = Dictionary(resources.map { ($0.uri, $0) }, uniquingKeysWith: { first, _ in first })
        self.toolListing = ["tools": .array(tools.map(\.listing))]
        self.resourceListing = ["resources": .array(resources.map(\.listing))]
    }

    /// The `serverInfo` object.
    public var serverInfo: JSONValue { serverDescription.serverInfo }

    /// The capabilities this server declares.
    public var capabilities: JSONValue { serverDescription.capabilities }

    /// Name, version, instructions and the capabilities its tools and resources imply.
    public var serverDescription: ServerDescription {
        var members: [String: JSONValue] = ["logging": [:]]
        if !tools.isEmpty { members["tools"] = ["listChanged": .bool(announcesListChanges)] }
        if !resources.isEmpty { members["resources"] = ["listChanged": .bool(announcesListChanges), "subscribe": false] }
        return ServerDescription(name: name, version: version, instructions: instructions, capabilities: .object(members))
    }

    /// Answers one request.
    public func handle(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue {
        switch request.method {
        case "initialize":
            let requested = request.params?["protocolVersion"]?.stringValue
            var result: [String: JSONValue] = [
                "protocolVersion": .string(ProtocolVersion.negotiate(requested: requested)),
                "capabilities": capabilities,
                "serverInfo": serverInfo,
            ]
            if let instructions { result["instructions"] = .string(instructions) }
            return .object(result)
        case "ping":
            return [:]
        case "tools/list":
            return toolListing
        case "tools/call":
            return try await callTool(request, context: context)
        case "resources/list":
            return resourceListing
        case "resources/templates/list":
            return ["resourceTemplates": []]
        case "resources/read":
            return try await readResource(request, context: context)
        case "prompts/list":
            return ["prompts": []]
        case "logging/setLevel":
            return [:]
        default:
            throw JSONRPCError.methodNotFound(request.method)
        }
    }

    /// Ignored: a fixed registry has nothing a client notification could change.
    public func handle(_ notification: JSONRPCNotification, context: MCPRequestContext) async {}

    private func callTool(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue {
        let name = try ToolCall.name(in: request.params)
        guard let tool = toolsByName[name] else { throw JSONRPCError.invalidParams("Unknown tool: \(name)") }
        try ToolCall.checkScopes(tool.requiredScopes, tool: name, for: context.principal)
        let arguments = try ToolCall.arguments(in: request.params)
        return try await ToolCall.run(name) { try await tool.handler(arguments, context) }
    }

    private func readResource(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue {
        guard let uri = request.params?["uri"]?.stringValue else {
            throw JSONRPCError.invalidParams("resources/read needs a string \"uri\"")
        }
        guard let resource = resourcesByURI[uri] else {
            throw JSONRPCError(code: JSONRPCError.resourceNotFoundCode, message: "Resource not found", data: ["uri": .string(uri)])
        }
        let text = try await resource.read(context)
        return ["contents": [["uri": .string(uri), "mimeType": .string(resource.mimeType), "text": .string(text)]]]
    }
}
