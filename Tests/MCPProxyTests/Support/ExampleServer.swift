import MCPProxy
import TestSupport

/// A native (NativeMCPServer) twin of the example server, for the MCPProxy tests:
/// `echo`, `add`, `whoami`, `example://readme`, and an optional `slow` tool.
enum ExampleServer {
    /// The server's version string.
    static let version = "0.1.0"

    /// The example MCP server.
    static func make(slowToolDelay: Duration? = nil) -> NativeMCPServer {
        var tools = [echo, add, whoami]
        if let slowToolDelay { tools.append(slow(slowToolDelay)) }
        return NativeMCPServer(
            name: "mcp-example", version: version,
            instructions: "Example server: echo text, add numbers, and ask who you are.",
            tools: tools, resources: [readme])
    }

    static let echo = NativeTool(
        name: "echo", description: "Returns the text it is given.",
        inputSchema: [
            "type": "object", "properties": ["text": ["type": "string", "description": "Text to echo back"]],
            "required": ["text"], "additionalProperties": false,
        ],
        annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false]
    ) { arguments, _ in
        guard let text = arguments["text"]?.stringValue else {
            return .error("echo needs a string argument \"text\"")
        }
        return .text(text)
    }

    static let add = NativeTool(
        name: "add", description: "Adds two numbers.",
        inputSchema: [
            "type": "object", "properties": ["a": ["type": "number"], "b": ["type": "number"]],
            "required": ["a", "b"], "additionalProperties": false,
        ],
        outputSchema: ["type": "object", "properties": ["sum": ["type": "number"]], "required": ["sum"]],
        annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false]
    ) { arguments, _ in
        guard let a = arguments["a"], let b = arguments["b"], a.doubleValue != nil, b.doubleValue != nil else {
            return .error("add needs two numbers \"a\" and \"b\"")
        }
        let sum: JSONValue
        if let x = a.intValue, let y = b.intValue, case (let total, false) = x.addingReportingOverflow(y), case .int = a, case .int = b {
            sum = .int(total)
        } else {
            sum = .double(a.doubleValue! + b.doubleValue!)
        }
        return .text(JSONWriter.string(sum), structured: ["sum": sum])
    }

    static let whoami = NativeTool(
        name: "whoami", description: "Tells the caller who the server thinks they are (identity is per request).",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: [
            "type": "object",
            "properties": ["subject": ["type": ["string", "null"]], "scopes": ["type": "array", "items": ["type": "string"]]],
            "required": ["subject", "scopes"],
        ],
        annotations: ["readOnlyHint": true, "openWorldHint": false]
    ) { _, context in
        let subject = context.principal?.subject
        let scopes = (context.principal?.scopes ?? []).sorted()
        return .text(
            subject ?? "anonymous",
            structured: ["subject": subject.map(JSONValue.string) ?? .null, "scopes": .array(scopes.map(JSONValue.string))])
    }

    static func slow(_ delay: Duration) -> NativeTool {
        NativeTool(name: "slow", description: "Reports progress, then answers after a delay.") { _, context in
            await context.progress(0, total: 1, message: "started")
            try await Task.sleep(for: delay)
            await context.progress(1, total: 1, message: "done")
            return .text("done")
        }
    }

    static let readme = NativeResource(
        uri: "example://readme", name: "readme", description: "What this example server is.", mimeType: "text/markdown"
    ) { _ in
        "# mcp-example\n\nA stateless-capable MCP server with `echo`, `add` and `whoami` tools.\n"
    }
}
