/// Thrown by a handler when the caller lacks scopes a tool requires, or when there is
/// no authenticated caller at all (stdio, or HTTP without authentication): scoped
/// tools fail closed.
///
/// Over HTTP with authentication the reply is 403 with an RFC 6750
/// `insufficient_scope` challenge naming exactly ``scopes``; without authentication it
/// is 403 with the JSON-RPC error alone; over stdio the JSON-RPC error alone.
public struct InsufficientScopeError: Error, Sendable, Hashable {
    /// The scopes the operation needs.
    public var scopes: [String]
    /// The tool that was refused, when the refusal is about one.
    public var tool: String?

    /// Creates the refusal of `tool` for want of `scopes`.
    public init(scopes: [String], tool: String? = nil) {
        self.scopes = scopes
        self.tool = tool
    }

    /// The JSON-RPC error code of a scope refusal.
    public static let code = -32001

    /// The error-data key that tells `mcp-stateless-proxy` a child refused for want of scopes,
    /// so the proxy answers 403 with a step-up challenge as an in-process tool would.
    public static let forwardedDataKey = "mcp-stateless/insufficientScope"

    /// `-32001` "Forbidden: tool NAME requires scopes …" with `data: {"requiredScopes": [...],
    /// "mcp-stateless/insufficientScope": {"scopes": [...], "tool": NAME}}`.
    public var jsonRPCError: JSONRPCError {
        let list = scopes.joined(separator: " ")
        let message = tool.map { "Forbidden: tool \($0) requires scopes \(list)" } ?? "Forbidden: requires scopes \(list)"
        let required = JSONValue.array(scopes.map(JSONValue.string))
        var forwarded: [String: JSONValue] = ["scopes": required]
        if let tool { forwarded["tool"] = .string(tool) }
        return JSONRPCError(code: Self.code, message: message, data: ["requiredScopes": required, Self.forwardedDataKey: .object(forwarded)])
    }

    /// The refusal a stdio child reported in a JSON-RPC `error` object, if it is one.
    public init?(forwarded error: JSONValue) {
        guard case .object(let refusal)? = error["data"]?[Self.forwardedDataKey],
            let scopes = refusal["scopes"]?.arrayValue?.compactMap(\.stringValue), !scopes.isEmpty
        else { return nil }
        self.init(scopes: scopes, tool: refusal["tool"]?.stringValue)
    }
}
