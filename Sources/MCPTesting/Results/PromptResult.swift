import MCPCore

/// The result of a `prompts/get`.
public struct PromptResult: Sendable, Hashable {
    /// One message of a rendered prompt.
    public struct Message: Sendable, Hashable {
        /// `user` or `assistant`.
        public var role: String
        /// The content block as sent (`type` and its fields).
        public var content: JSONValue
        /// The text, when the content is a text block.
        public var text: String? { content["type"]?.stringValue == "text" ? content["text"]?.stringValue : nil }
    }

    /// The prompt's description, when given.
    public var description: String?
    /// The messages, in order.
    public var messages: [Message]

    /// The text of every text message, in order.
    public var texts: [String] { messages.compactMap(\.text) }

    init(_ result: JSONValue) throws(MCPTestError) {
        guard let messages = result["messages"]?.arrayValue else {
            throw .unexpectedResult(method: "prompts/get", reason: "no messages array in \(JSONWriter.string(result))")
        }
        var typed: [Message] = []
        for message in messages {
            guard let role = message["role"]?.stringValue, let content = message["content"] else {
                throw .unexpectedResult(method: "prompts/get", reason: "a message without role or content: \(JSONWriter.string(message))")
            }
            typed.append(Message(role: role, content: content))
        }
        self.description = result["description"]?.stringValue
        self.messages = typed
    }
}
