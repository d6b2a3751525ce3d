/// The parts of a `tools/call` every handler shares: reading the target, the
/// per-tool scope check, and turning a tool's failure into a result the model can read.
public enum ToolCall {
    /// The `arguments` object of `params` (absent or `null` → empty); -32602 otherwise.
    public static func arguments(in params: JSONValue?) throws(JSONRPCError) -> [String: JSONValue] {
        switch params?["arguments"] {
        case nil, .null?: return [:]
        case .object(let members)?: return members
        default: throw JSONRPCError.invalidParams("\"arguments\" must be an object")
        }
    }

    /// The tool name of a `tools/call`; -32602 when missing.
    public static func name(in params: JSONValue?) throws(JSONRPCError) -> String {
        guard let name = params?["name"]?.stringValue else { throw JSONRPCError.invalidParams("tools/call needs a string \"name\"") }
        return name
    }

    /// Throws ``InsufficientScopeError`` when the caller of `tool` lacks `required`: an
    /// authenticated caller without them (403 step-up), or no authenticated caller at all
    /// (stdio, HTTP without authentication): scoped tools fail closed.
    public static func checkScopes(_ required: [String], tool: String, for principal: Principal?) throws(InsufficientScopeError) {
        guard !required.isEmpty else { return }
        guard let principal, principal.hasScopes(required) else {
            throw InsufficientScopeError(scopes: required, tool: tool)
        }
    }

    /// Runs a tool. Protocol-level errors (`JSONRPCError`, ``InsufficientScopeError``,
    /// cancellation) propagate; a ``ToolError`` becomes `isError: true` with its message;
    /// any other error becomes `isError: true` with "`<name>` failed: …".
    public static func run(_ name: String, _ body: () async throws -> ToolResult) async throws -> JSONValue {
        do {
            return try await body().json
        } catch let error as ToolError {
            return ToolResult.error(error.message).json
        } catch let error as JSONRPCError {
            throw error
        } catch let error as InsufficientScopeError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return ToolResult.error("\(name) failed: \(error)").json
        }
    }
}

/// A tool-level failure the model can read: thrown from a tool, it becomes
/// `isError: true` with exactly this message.
public struct ToolError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as the model will read it.
    public var message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
