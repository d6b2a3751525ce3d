import ScriptLexer

/// Names of FastMCP instances a file creates, for the session findings. (The `stateless-opt-in`
/// sites themselves come from ``FastMCPServers`` and ``ProxyServers``, which follow values.)
enum StatelessOptIn {
    // MARK: fastmcp

    /// Local names of FastMCP instances created in this file: `const server = new FastMCP(…)`.
    static func fastmcpInstances(_ context: ScriptContext) -> [(name: String, call: ScriptIndex.Call)] {
        let constructors = context.index.names(for: "FastMCP", from: "fastmcp")
        return context.index.calls(to: constructors).filter(\.isNew).compactMap { call in
            context.index.assignedName(expressionStart: call.first).map { ($0, call) }
        }
    }

    static func fastmcpStarts(_ context: ScriptContext) -> [ScriptIndex.Call] {
        let instances = Set(fastmcpInstances(context).map { "\($0.name).start" })
        return context.index.calls(to: instances)
    }
}
