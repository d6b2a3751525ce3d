import Foundation
import MCPProxy
import Synchronization

/// An MCP server written with typed tools, resources and prompts.
///
/// ```swift
/// let server = FastMCPServer(name: "calc", version: "1.0.0")
/// struct Add: Decodable { var a: Double; var b: Double }
/// server.tool("add", description: "Adds two numbers") { (args: Add, _) in "\(args.a + args.b)" }
/// try await server.run(.httpStream(port: 8080, stateless: true, auth: .jwt(verifier)))
/// ```
///
/// Register everything before ``run(_:)``: the registry is frozen when the server
/// starts, so requests never rebuild it.
public final class FastMCPServer: Sendable {
    public let name: String
    public let version: String
    public let instructions: String?
    /// Items per page of `tools/list`, `resources/list`, `resources/templates/list`, `prompts/list`.
    public let pageSize: Int
    private let registry = Mutex(Registry())

    public init(name: String, version: String, instructions: String? = nil, pageSize: Int = 100) {
        self.name = name
        self.version = version
        self.instructions = instructions
        self.pageSize = pageSize
    }

    // MARK: Tools

    /// Registers a tool whose arguments decode into `Arguments`; the JSON Schema is derived from it.
    public func tool<Arguments: Decodable & Sendable, Result: ToolResultConvertible>(
        _ name: String, title: String? = nil, description: String, annotations: ToolAnnotations = ToolAnnotations(),
        requiredScopes: [String] = [], _ handler: @escaping @Sendable (Arguments, Context) async throws -> Result
    ) {
        let listing = Self.toolListing(
            name: name, title: title, description: description, input: JSONSchemaRecorder.schema(for: Arguments.self), output: nil,
            annotations: annotations)
        add(ToolEntry(name: name, listing: listing, requiredScopes: requiredScopes) { arguments, context in
            let decoded: Arguments
            switch Self.decodeArguments(Arguments.self, arguments, tool: name) {
            case .success(let value): decoded = value
            case .failure(let refusal): return refusal.result
            }
            return try await handler(decoded, context).toolResult
        })
    }

    /// Registers a tool without arguments.
    public func tool<Result: ToolResultConvertible>(
        _ name: String, title: String? = nil, description: String, annotations: ToolAnnotations = ToolAnnotations(),
        requiredScopes: [String] = [], _ handler: @escaping @Sendable (Context) async throws -> Result
    ) {
        tool(name, title: title, description: description, annotations: annotations, requiredScopes: requiredScopes) {
            (_: NoArguments, context) in try await handler(context)
        }
    }

    /// Registers a tool with structured output: the result is `Output` encoded as
    /// `structuredContent` (also as JSON text), and `outputSchema` is derived from `Output`.
    public func tool<Arguments: Decodable & Sendable, Output: Codable & Sendable>(
        _ name: String, title: String? = nil, description: String, output: Output.Type,
        annotations: ToolAnnotations = ToolAnnotations(), requiredScopes: [String] = [],
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> Output
    ) {
        let listing = Self.toolListing(
            name: name, title: title, description: description, input: JSONSchemaRecorder.schema(for: Arguments.self),
            output: JSONSchemaRecorder.schema(for: Output.self), annotations: annotations)
        add(ToolEntry(name: name, listing: listing, requiredScopes: requiredScopes) { arguments, context in
            let decoded: Arguments
            switch Self.decodeArguments(Arguments.self, arguments, tool: name) {
            case .success(let value): decoded = value
            case .failure(let refusal): return refusal.result
            }
            let output = try await handler(decoded, context)
            let structured = try StructuredOutput.encode(output)
            return ToolResult(content: [["type": "text", "text": .string(JSONWriter.string(structured))]], structuredContent: structured)
        })
    }

    /// The decoded arguments, or the tool error result a caller can act on.
    static func decodeArguments<Arguments: Decodable>(_ type: Arguments.Type, _ arguments: [String: JSONValue], tool: String) -> Result<Arguments, ToolResultRefusal> {
        do {
            return .success(try ArgumentDecoder.decode(type, from: arguments))
        } catch {
            return .failure(ToolResultRefusal(result: .error("Invalid arguments for tool '\(tool)': \(error.message)")))
        }
    }

    static func toolListing(
        name: String, title: String?, description: String, input: JSONValue, output: JSONValue?, annotations: ToolAnnotations
    ) -> JSONValue {
        // MCP requires an object schema for arguments; a type that reads no keys (NoArguments) takes none.
        let inputSchema: JSONValue = input["type"] == nil ? ["type": "object", "properties": [:]] : input
        var members: [String: JSONValue] = ["name": .string(name), "description": .string(description), "inputSchema": inputSchema]
        if let title { members["title"] = .string(title) }
        if let output { members["outputSchema"] = output }
        if let annotations = annotations.json { members["annotations"] = annotations }
        return .object(members)
    }

    private func add(_ tool: ToolEntry) {
        registry.withLock { registry in
            registry.tools.removeAll { $0.name == tool.name }
            registry.tools.append(tool)
        }
    }

    // MARK: Resources

    /// Registers a resource at a fixed URI.
    public func resource(
        _ uri: String, name: String, description: String? = nil, mimeType: String = "text/plain",
        _ read: @escaping @Sendable (Context) async throws -> ResourceContents
    ) {
        var listing: [String: JSONValue] = ["uri": .string(uri), "name": .string(name), "mimeType": .string(mimeType)]
        if let description { listing["description"] = .string(description) }
        let entry = ResourceEntry(uri: uri, listing: .object(listing), read: read)
        registry.withLock { registry in
            registry.resources.removeAll { $0.uri == uri }
            registry.resources.append(entry)
        }
    }

    /// Registers a resource template such as `file:///{path}`; `read` gets the variables.
    public func resourceTemplate(
        _ template: String, name: String, description: String? = nil, mimeType: String? = nil,
        _ read: @escaping @Sendable ([String: String], Context) async throws -> ResourceContents
    ) throws {
        let parsed = try URITemplate(template)
        var listing: [String: JSONValue] = ["uriTemplate": .string(template), "name": .string(name)]
        if let description { listing["description"] = .string(description) }
        if let mimeType { listing["mimeType"] = .string(mimeType) }
        let entry = TemplateEntry(template: parsed, listing: .object(listing), read: read)
        registry.withLock { $0.templates.append(entry) }
    }

    // MARK: Prompts

    /// Registers a prompt whose arguments decode into `Arguments` (prompt arguments are strings).
    public func prompt<Arguments: Decodable & Sendable>(
        _ name: String, description: String? = nil,
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> [PromptMessage]
    ) {
        let schema = JSONSchemaRecorder.schema(for: Arguments.self)
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = schema["properties"]?.objectValue ?? [:]
        let arguments: [JSONValue] = properties.keys.sorted().map { key in
            var argument: [String: JSONValue] = ["name": .string(key), "required": .bool(required.contains(key))]
            if let text = properties[key]?["description"] { argument["description"] = text }
            return .object(argument)
        }
        var listing: [String: JSONValue] = ["name": .string(name), "arguments": .array(arguments)]
        if let description { listing["description"] = .string(description) }
        let entry = PromptEntry(name: name, listing: .object(listing), get: { values, context in
            let decoded = try ArgumentDecoder.decode(Arguments.self, from: values)
            return try await handler(decoded, context)
        }, description: description)
        registry.withLock { registry in
            registry.prompts.removeAll { $0.name == name }
            registry.prompts.append(entry)
        }
    }

    // MARK: Serving

    /// What the server declares in `initialize` and `server/discover`.
    public var serverDescription: ServerDescription {
        let registry = registry.withLock { $0 }
        var capabilities: [String: JSONValue] = ["logging": [:]]
        if !registry.tools.isEmpty { capabilities["tools"] = ["listChanged": false] }
        if !registry.resources.isEmpty || !registry.templates.isEmpty { capabilities["resources"] = ["listChanged": false, "subscribe": false] }
        if !registry.prompts.isEmpty { capabilities["prompts"] = ["listChanged": false] }
        return ServerDescription(name: name, version: version, instructions: instructions, capabilities: .object(capabilities))
    }

    /// The names of tools declared with `requiredScopes`, in registration order.
    public var scopedToolNames: [String] {
        registry.withLock { $0.tools.filter { !$0.requiredScopes.isEmpty }.map(\.name) }
    }

    /// The engine for the registry as it stands now, to host it in your own `MCPProxyServer`.
    public func handler(stateless: Bool) -> FastMCPEngine {
        FastMCPEngine(description: serverDescription, registry: registry.withLock { $0 }, stateless: stateless, pageSize: pageSize)
    }
}

/// A tool result that refuses the call (invalid arguments).
struct ToolResultRefusal: Error {
    var result: ToolResult
}

/// Encodes structured tool output.
enum StructuredOutput {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        return try JSONParser.parse(Array(data))
    }
}
