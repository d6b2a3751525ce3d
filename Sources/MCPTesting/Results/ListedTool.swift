import MCPCore

/// A tool as `tools/list` describes it.
public struct ListedTool: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// Its description, when given.
    public var description: String?
    /// The JSON Schema of its arguments.
    public var inputSchema: JSONValue
    /// The JSON Schema of its structured output, when declared.
    public var outputSchema: JSONValue?
    /// Its annotations (hints), when given.
    public var annotations: JSONValue?
    /// The whole entry as listed.
    public var raw: JSONValue

    init(_ entry: JSONValue) throws(MCPTestError) {
        guard let name = entry["name"]?.stringValue, let inputSchema = entry["inputSchema"] else {
            throw .unexpectedResult(method: "tools/list", reason: "a tool without name or inputSchema: \(JSONWriter.string(entry))")
        }
        self.name = name
        self.description = entry["description"]?.stringValue
        self.inputSchema = inputSchema
        self.outputSchema = entry["outputSchema"]
        self.annotations = entry["annotations"]
        self.raw = entry
    }
}
