import MCPCore

/// The result of a `prompts/get`.
public struct PromptResult: Sendable, Hashable {
    /// The prompt's description, when given.
    public var description: String?
    /// The messages, each with `role` and `content`.
    public var messages: [JSONValue]

    /// The text of every text message, in order.
    public var texts: [String] {
        messages.compactMap { message in
            message["content"]?["type"]?.stringValue == "text" ? message["content"]?["text"]?.stringValue : nil
        }
    }

    init(_ result: JSONValue) throws(MCPTestError) {
        guard let messages = result["messages"]?.arrayValue else {
            throw .unexpectedResult(method: "prompts/get", reason: "no messages array in \(JSONWriter.string(result))")
        }
        self.description = result["description"]?.stringValue
        self.messages = messages
    }
}
