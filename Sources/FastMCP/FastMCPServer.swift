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
/// Register everything before ``run(_:configure:)``: the registry is frozen when the server
/// starts, so requests never rebuild it.
public final class FastMCPServer: Sendable {
    /// The server's name, as `initialize` and `server/discover` report it.
    public let name: String
    /// The server's version.
    public let version: String
    /// Instructions for the model using the server, when given.
    public let instructions: String?
    /// Items per page of `tools/list`, `resources/list`, `resources/templates/list`, `prompts/list`.
    public let pageSize: Int
    private let registry = Mutex(Registry())
    private let hub = NotifierHub(logger: FastMCPServer.logger)

    /// A server with nothing registered yet.
    public init(name: String, version: String, instructions: String? = nil, pageSize: Int = 100) {
        self.name = name
        self.version = version
        self.instructions = instructions
        self.pageSize = pageSize
    }

    // MARK: Tools

    /// Registers a tool whose arguments decode into `Arguments`; the JSON Schema is derived from it.
    ///
    /// An argument the schema does not name is refused as a tool error (`isError`, listing the
    /// unknown keys and the accepted ones): the derived schema says `additionalProperties: false`,
    /// so a misspelt optional argument is not silently replaced by its default. Pass
    /// `acceptsUnknownArguments: true` to take and ignore them. A hand-written schema
    /// (``CustomJSONSchema``) follows its own `additionalProperties`.
    public func tool<Arguments: Decodable & Sendable, Result: ToolResultConvertible>(
        _ name: String, title: String? = nil, description: String, annotations: ToolAnnotations = ToolAnnotations(),
        requiredScopes: [String] = [], acceptsUnknownArguments: Bool = false,
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> Result
    ) {
        let listing = Self.toolListing(
            name: name, title: title, description: description,
            input: Self.inputSchema(for: Arguments.self, acceptsUnknownArguments: acceptsUnknownArguments), output: nil,
            annotations: annotations)
        let validator = Self.validator(for: listing["inputSchema"] ?? [:], of: "tool '\(name)'")
        add(ToolEntry(name: name, listing: listing, requiredScopes: requiredScopes) { arguments, context in
            let decoded: Arguments
            switch try Self.decodeArguments(Arguments.self, arguments, tool: name, validator: validator) {
            case .success(let value): decoded = value
            case .failure(let refusal): return refusal.result
            }
            return try await handler(decoded, context).toolResult
        })
    }

    /// Registers a tool without arguments.
    public func tool<Result: ToolResultConvertible>(
        _ name: String, title: String? = nil, description: String, annotations: ToolAnnotations = ToolAnnotations(),
        requiredScopes: [String] = [], acceptsUnknownArguments: Bool = false, _ handler: @escaping @Sendable (Context) async throws -> Result
    ) {
        tool(name, title: title, description: description, annotations: annotations, requiredScopes: requiredScopes,
             acceptsUnknownArguments: acceptsUnknownArguments) {
            (_: NoArguments, context) in try await handler(context)
        }
    }

    /// Registers a tool with structured output: the result is `Output` encoded as
    /// `structuredContent` (also as JSON text), and `outputSchema` is derived from `Output`.
    ///
    /// MCP requires both to be objects. An `Output` whose schema is not an object (an
    /// array, a scalar, an enum, an optional of them) is wrapped as `{"result": value}`,
    /// with the matching object schema marked `"x-fastmcp-wrap-result": true` (the
    /// convention Python fastmcp uses, so clients that know it unwrap); the text content
    /// stays the JSON of the value itself.
    public func tool<Arguments: Decodable & Sendable, Output: Codable & Sendable>(
        _ name: String, title: String? = nil, description: String, output: Output.Type,
        annotations: ToolAnnotations = ToolAnnotations(), requiredScopes: [String] = [], acceptsUnknownArguments: Bool = false,
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> Output
    ) {
        let (outputSchema, wrapped) = StructuredOutput.schema(for: Output.self)
        let listing = Self.toolListing(
            name: name, title: title, description: description,
            input: Self.inputSchema(for: Arguments.self, acceptsUnknownArguments: acceptsUnknownArguments),
            output: outputSchema, annotations: annotations)
        let validator = Self.validator(for: listing["inputSchema"] ?? [:], of: "tool '\(name)'")
        add(ToolEntry(name: name, listing: listing, requiredScopes: requiredScopes) { arguments, context in
            let decoded: Arguments
            switch try Self.decodeArguments(Arguments.self, arguments, tool: name, validator: validator) {
            case .success(let value): decoded = value
            case .failure(let refusal): return refusal.result
            }
            let output = try await handler(decoded, context)
            let value = try StructuredOutput.encode(output)
            let structured: JSONValue = wrapped ? ["result": value] : value
            return ToolResult(content: [["type": "text", "text": .string(JSONWriter.string(value))]], structuredContent: structured)
        })
    }

    /// Registers a tool whose handler returns a `Codable` value that is not a
    /// ``ToolResultConvertible``: the same as passing `output: Output.self` (structured output,
    /// `outputSchema` derived from `Output`). Handlers returning a `String`, ``ToolContent``,
    /// `[ToolContent]` or `ToolResult` take the content form instead.
    @_disfavoredOverload
    public func tool<Arguments: Decodable & Sendable, Output: Codable & Sendable>(
        _ name: String, title: String? = nil, description: String, annotations: ToolAnnotations = ToolAnnotations(),
        requiredScopes: [String] = [], acceptsUnknownArguments: Bool = false,
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> Output
    ) {
        tool(
            name, title: title, description: description, output: Output.self, annotations: annotations, requiredScopes: requiredScopes,
            acceptsUnknownArguments: acceptsUnknownArguments, handler)
    }

    /// The decoded arguments, or the tool error result a caller can act on: the problems the
    /// tool's input schema finds, one line each (`/pointer: message`, the first 20, then how
    /// many more), else the decoder's. Arguments whose check runs past its work budget throw
    /// -32602 ("arguments too complex to check"); a cancelled call stops the check and throws
    /// `CancellationError`.
    static func decodeArguments<Arguments: Decodable>(
        _ type: Arguments.Type, _ given: [String: JSONValue], tool: String, validator: SchemaValidator
    ) throws -> Result<Arguments, ToolResultRefusal> {
        let arguments = validator.fillingDefaults(given)
        let check = validator.check(.object(arguments))
        try Self.stopIfExhausted(check)
        if !check.isEmpty {
            let lines = check.lines().joined(separator: "\n")
            return .failure(ToolResultRefusal(result: .error("Invalid arguments for tool '\(tool)':\n\(lines)")))
        }
        do {
            return .success(try ArgumentDecoder.decode(type, from: arguments))
        } catch {
            return .failure(ToolResultRefusal(result: .error("Invalid arguments for tool '\(tool)': \(error.message)")))
        }
    }

    /// Throws when `check` stopped before the end: `CancellationError` when its task was
    /// cancelled, else -32602 "arguments too complex to check".
    static func stopIfExhausted(_ check: SchemaCheck) throws {
        guard check.exhausted else { return }
        if check.cancelled { throw CancellationError() }
        throw JSONRPCError.invalidParams("arguments too complex to check")
    }

    /// The schema compiled for checking calls; a `pattern` that is not a regular expression
    /// stops registration (it would otherwise check nothing).
    static func validator(for schema: JSONValue, of owner: String) -> SchemaValidator {
        do {
            return try SchemaValidator(schema: schema)
        } catch {
            preconditionFailure("FastMCP: the schema of \(owner) has a pattern that is not a regular expression: \(error.pattern)")
        }
    }

    /// The input schema of `Arguments`, always an object schema as MCP requires (a type that
    /// reads no keys, such as `NoArguments`, takes none). A derived schema refuses members it does
    /// not name (`additionalProperties: false`) unless the tool accepts unknown arguments; a
    /// hand-written one (``CustomJSONSchema``) is kept as written.
    static func inputSchema<Arguments: Decodable>(for type: Arguments.Type, acceptsUnknownArguments: Bool) -> JSONValue {
        let recorded = JSONSchemaRecorder.schema(for: type)
        let schema: JSONValue = recorded["type"] == nil ? ["type": "object", "properties": [:]] : recorded
        guard !acceptsUnknownArguments, !(type is any CustomJSONSchema.Type), schema["type"] == "object",
            schema["additionalProperties"] == nil, var members = schema.objectValue
        else { return schema }
        members["additionalProperties"] = false
        return .object(members)
    }

    static func toolListing(
        name: String, title: String?, description: String, input inputSchema: JSONValue, output: JSONValue?, annotations: ToolAnnotations
    ) -> JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "description": .string(description), "inputSchema": inputSchema]
        if let title { members["title"] = .string(title) }
        if let output { members["outputSchema"] = output }
        if let annotations = annotations.json { members["annotations"] = annotations }
        return .object(members)
    }

    private func add(_ tool: ToolEntry) {
        let duplicate = registry.withLock { registry -> Bool in
            if registry.tools.contains(where: { $0.name == tool.name }) { return true }
            registry.tools.append(tool)
            return false
        }
        if duplicate { preconditionFailure("FastMCP: a tool named '\(tool.name)' is already registered; tool names must be unique") }
    }

    // MARK: Resources

    /// Registers a resource at a fixed URI.
    public func resource(
        _ uri: String, name: String, description: String? = nil, mimeType: String = "text/plain",
        _ read: @escaping @Sendable (Context) async throws -> ResourceContents
    ) {
        var listing: [String: JSONValue] = ["uri": .string(uri), "name": .string(name), "mimeType": .string(mimeType)]
        if let description { listing["description"] = .string(description) }
        let entry = ResourceEntry(uri: uri, mimeType: mimeType, listing: .object(listing), read: read)
        let duplicate = registry.withLock { registry -> Bool in
            if registry.resources.contains(where: { $0.uri == uri }) { return true }
            registry.resources.append(entry)
            return false
        }
        if duplicate { preconditionFailure("FastMCP: a resource at '\(uri)' is already registered; resource URIs must be unique") }
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
        let entry = TemplateEntry(template: parsed, source: template, mimeType: mimeType, listing: .object(listing), read: read)
        let duplicate = registry.withLock { registry -> Bool in
            if registry.templates.contains(where: { $0.source == template }) { return true }
            registry.templates.append(entry)
            return false
        }
        if duplicate { preconditionFailure("FastMCP: a resource template '\(template)' is already registered; a second one would never be reached") }
    }

    // MARK: Prompts

    /// Registers a prompt whose arguments decode into `Arguments`.
    ///
    /// MCP sends prompt arguments as strings: `String` and ``SchemaEnumeration`` properties
    /// take them as they are; integers, numbers and booleans are read from their string
    /// form (`"3"`, `"2.5"`, `"true"`). A property of any other type (a nested struct, an
    /// array) cannot come from a string: registering it stops the program, naming it.
    /// Arguments are listed in declaration order.
    public func prompt<Arguments: Decodable & Sendable>(
        _ name: String, description: String? = nil,
        _ handler: @escaping @Sendable (Arguments, Context) async throws -> [PromptMessage]
    ) {
        let properties = JSONSchemaRecorder.orderedProperties(of: Arguments.self)
        var coercions: [String: PromptArgument.Kind] = [:]
        for property in properties {
            guard let kind = PromptArgument.Kind(schema: property.schema) else {
                preconditionFailure(
                    "FastMCP: prompt '\(name)' argument '\(property.name)' has a type that cannot come from a string "
                        + "(prompt arguments are strings): use String, a number, Bool or a SchemaEnumeration")
            }
            coercions[property.name] = kind
        }
        let arguments: [JSONValue] = properties.map { property in
            var argument: [String: JSONValue] = ["name": .string(property.name), "required": .bool(property.required)]
            if let text = property.schema["description"] { argument["description"] = text }
            return .object(argument)
        }
        var listing: [String: JSONValue] = ["name": .string(name), "arguments": .array(arguments)]
        if let description { listing["description"] = .string(description) }
        let kinds = coercions
        let validator = Self.validator(for: JSONSchemaRecorder.schema(for: Arguments.self), of: "prompt '\(name)'")
        let entry = PromptEntry(name: name, listing: .object(listing), get: { values, context in
            let coerced = validator.fillingDefaults(PromptArgument.coerce(values, kinds: kinds))
            let check = validator.check(.object(coerced))
            try Self.stopIfExhausted(check)
            if !check.isEmpty {
                throw ToolError("invalid arguments:\n" + check.lines().joined(separator: "\n"))
            }
            let decoded = try ArgumentDecoder.decode(Arguments.self, from: coerced)
            return try await handler(decoded, context)
        }, description: description)
        let duplicate = registry.withLock { registry -> Bool in
            if registry.prompts.contains(where: { $0.name == name }) { return true }
            registry.prompts.append(entry)
            return false
        }
        if duplicate { preconditionFailure("FastMCP: a prompt named '\(name)' is already registered; prompt names must be unique") }
    }

    // MARK: Serving

    /// Tells listening clients that tools, prompts or resources changed, from anywhere (a
    /// background job, a file watcher); inside a handler, `context.notifier` does the same.
    /// Wired while the server is served over HTTP (``run(_:configure:)`` with `.httpStream`, or
    /// ``handler(stateless:)`` hosted by an `MCPProxyServer` or a mounted endpoint).
    public var notifier: Notifier { Notifier(hub: hub) }

    /// What the server declares in `initialize` and `server/discover` when served over HTTP:
    /// `listChanged: true`, since MCPProxy carries changes published with ``notifier``.
    public var serverDescription: ServerDescription { description(announcingListChanges: true) }

    /// The declaration, with `listChanged` as given (`false` over stdio, where no change is carried).
    func description(announcingListChanges listChanged: Bool) -> ServerDescription {
        let registry = registry.withLock { $0 }
        let changes = JSONValue.bool(listChanged)
        var capabilities: [String: JSONValue] = ["logging": [:]]
        if !registry.tools.isEmpty { capabilities["tools"] = ["listChanged": changes] }
        if !registry.resources.isEmpty || !registry.templates.isEmpty { capabilities["resources"] = ["listChanged": changes, "subscribe": false] }
        if !registry.prompts.isEmpty { capabilities["prompts"] = ["listChanged": changes] }
        return ServerDescription(name: name, version: version, instructions: instructions, capabilities: .object(capabilities))
    }

    /// The names of tools declared with `requiredScopes`, in registration order.
    public var scopedToolNames: [String] {
        registry.withLock { $0.tools.filter { !$0.requiredScopes.isEmpty }.map(\.name) }
    }

    /// The engine for the registry as it stands now, to host it in your own `MCPProxyServer`.
    public func handler(stateless: Bool) -> FastMCPEngine {
        handler(stateless: stateless, announcingListChanges: true)
    }

    /// The engine, announcing `listChanged` as given.
    func handler(stateless: Bool, announcingListChanges: Bool) -> FastMCPEngine {
        FastMCPEngine(
            description: description(announcingListChanges: announcingListChanges), registry: registry.withLock { $0 }, stateless: stateless,
            pageSize: pageSize, hub: hub)
    }
}

/// A tool result that refuses the call (invalid arguments).
struct ToolResultRefusal: Error {
    var result: ToolResult
}

/// Encodes structured tool output.
enum StructuredOutput {
    /// The `outputSchema` for `Output`, and whether values must be wrapped as `{"result": …}`
    /// because the schema is not an object (MCP requires object output).
    static func schema<Output: Decodable>(for type: Output.Type) -> (schema: JSONValue, wrapped: Bool) {
        let recorded = JSONSchemaRecorder.schema(for: type)
        guard recorded["type"] != "object" || JSONSchemaRecorder.isOptional(type) else { return (recorded, false) }
        let result: JSONValue = JSONSchemaRecorder.isOptional(type) ? ["anyOf": [recorded, ["type": "null"]]] : recorded
        return (["type": "object", "properties": ["result": result], "required": ["result"], "x-fastmcp-wrap-result": true], true)
    }

    /// `value` as JSON, with `JSONEncoder`'s conventions (ISO 8601 dates), built directly.
    static func encode(_ value: some Encodable) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }
}
