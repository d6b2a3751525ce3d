/// Marks a method of a `@Tools` type as a tool.
///
/// - The tool's name is the method's name, or `name` when given.
/// - Its description is the doc comment's text (summary and discussion; `- Parameter(s)`,
///   `- Returns:` and other callouts left out), or `description` when given. A tool without
///   either does not compile.
/// - Each parameter is an argument, named by its label (or its name when the label is `_`),
///   described by its `- Parameter` line. A parameter with a default value is optional; a
///   literal default (`10`, `"metre"`, `true`) or an enum case (`.celsius`, as its raw value) is
///   also the schema's `default`. A `Context`
///   parameter is the request's context, not an argument.
/// - `properties` adds constraints per argument, as `SchemaProperty` values:
///   `properties: ["limit": SchemaProperty(minimum: 1, maximum: 50)]`; a key that names no
///   parameter does not compile.
/// - The return type follows the facade's rules: `String`, `ToolContent`,
///   `[ToolContent]` or `ToolResult` are content; any other `Codable` is structured output with
///   an `outputSchema`; no return value is an empty result.
///
/// - Parameters:
///   - name: The tool's name (the method's name when `nil`).
///   - title: A human-readable title.
///   - description: The description (the doc comment's text when `nil`).
///   - annotations: MCP tool annotations, such as `.readOnly`.
///   - requiredScopes: OAuth scopes a caller must hold.
///   - acceptsUnknownArguments: Take (and ignore) arguments no parameter names; by default they
///     are refused, listing the accepted ones, so a misspelt optional argument is not silently
///     replaced by its default.
///   - properties: Constraints per argument, keyed by argument name.
@attached(peer)
public macro Tool(
    _ name: String? = nil, title: String? = nil, description: String? = nil, annotations: ToolAnnotations = ToolAnnotations(),
    requiredScopes: [String] = [], acceptsUnknownArguments: Bool = false, properties: [String: SchemaProperty] = [:]
) = #externalMacro(module: "FastMCPMacrosPlugin", type: "ToolMacro")
