import MCPProxy

/// One message of a prompt.
public struct PromptMessage: Sendable, Hashable {
    /// Who speaks the message.
    public enum Role: String, Sendable { case user, assistant }

    /// Who speaks.
    public var role: Role
    /// What is said.
    public var text: String

    /// A message.
    public init(_ role: Role, _ text: String) {
        self.role = role
        self.text = text
    }

    /// A message from the user.
    public static func user(_ text: String) -> PromptMessage { PromptMessage(.user, text) }
    /// A message from the assistant.
    public static func assistant(_ text: String) -> PromptMessage { PromptMessage(.assistant, text) }

    var json: JSONValue { ["role": .string(role.rawValue), "content": ["type": "text", "text": .string(text)]] }
}
