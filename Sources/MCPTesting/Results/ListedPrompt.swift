import MCPCore

/// A prompt as `prompts/list` describes it.
public struct ListedPrompt: Sendable, Hashable {
    /// One argument the prompt takes (always a string on the wire).
    public struct Argument: Sendable, Hashable {
        /// Its name.
        public var name: String
        /// Its description, when given.
        public var description: String?
        /// Whether `prompts/get` needs it.
        public var required: Bool

        /// An argument, as a test expects it.
        public init(name: String, description: String? = nil, required: Bool) {
            self.name = name
            self.description = description
            self.required = required
        }
    }

    /// Its name.
    public var name: String
    /// Its display title, when given.
    public var title: String?
    /// Its description, when given.
    public var description: String?
    /// Its arguments, in the order listed.
    public var arguments: [Argument]

    init(_ entry: JSONValue) throws(MCPTestError) {
        guard let name = entry["name"]?.stringValue else {
            throw .unexpectedResult(method: "prompts/list", reason: "a prompt without a name: \(JSONWriter.string(entry))")
        }
        var arguments: [Argument] = []
        for argument in entry["arguments"]?.arrayValue ?? [] {
            guard let argumentName = argument["name"]?.stringValue else {
                throw .unexpectedResult(method: "prompts/list", reason: "prompt \(name) has an argument without a name: \(JSONWriter.string(argument))")
            }
            arguments.append(Argument(name: argumentName, description: argument["description"]?.stringValue, required: argument["required"]?.boolValue ?? false))
        }
        self.name = name
        self.title = entry["title"]?.stringValue
        self.description = entry["description"]?.stringValue
        self.arguments = arguments
    }
}
