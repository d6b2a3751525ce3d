import MCPProxy

/// One message of a prompt.
public struct PromptMessage: Sendable, Hashable {
    public enum Role: String, Sendable { case user, assistant }

    public var role: Role
    public var text: String

    public init(_ role: Role, _ text: String) {
        self.role = role
        self.text = text
    }

    public static func user(_ text: String) -> PromptMessage { PromptMessage(.user, text) }
    public static func assistant(_ text: String) -> PromptMessage { PromptMessage(.assistant, text) }

    var json: JSONValue { ["role": .string(role.rawValue), "content": ["type": "text", "text": .string(text)]] }
}
