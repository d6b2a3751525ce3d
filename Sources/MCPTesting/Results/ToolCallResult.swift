import Foundation
import MCPCore

/// The result of a `tools/call`, with what the server sent while it ran.
public struct ToolCallResult: Sendable {
    /// The `content` blocks.
    public var content: [JSONValue]
    /// The `structuredContent`, when the tool returned structured output.
    public var structuredContent: JSONValue?
    /// Whether the tool reported an error (`isError`).
    public var isError: Bool
    /// Progress notifications received during the call, in order.
    public var progress: [ProgressUpdate]
    /// Log message notifications received during the call, in order.
    public var logs: [LogMessage]
    /// The whole exchange: HTTP status, headers, every message.
    public var reply: MCPTestReply

    /// One `notifications/progress`.
    public struct ProgressUpdate: Sendable, Hashable {
        /// Progress so far.
        public var progress: Double
        /// The total, when known.
        public var total: Double?
        /// The message, when given.
        public var message: String?

        /// An update, e.g. to compare with what a call reported.
        public init(progress: Double, total: Double? = nil, message: String? = nil) {
            self.progress = progress
            self.total = total
            self.message = message
        }
    }

    /// One `notifications/message`.
    public struct LogMessage: Sendable, Hashable {
        /// The level (`info`, `warning`, …).
        public var level: String
        /// The logger name, when given.
        public var logger: String?
        /// The logged data.
        public var data: JSONValue

        /// A message, e.g. to compare with what a call logged.
        public init(level: String, logger: String? = nil, data: JSONValue) {
            self.level = level
            self.logger = logger
            self.data = data
        }
    }

    /// Reads a `tools/call` reply; throws for a JSON-RPC error.
    init(reply: MCPTestReply) throws(MCPTestError) {
        let result = try reply.requireResult()
        guard case .array(let content)? = result["content"] else {
            throw .unexpectedResult(method: "tools/call", reason: "no content array in \(JSONWriter.string(result))")
        }
        self.content = content
        self.structuredContent = result["structuredContent"]
        self.isError = result["isError"]?.boolValue ?? false
        self.reply = reply
        var progress: [ProgressUpdate] = []
        var logs: [LogMessage] = []
        for notification in reply.notifications {
            let params = notification["params"]
            switch notification["method"]?.stringValue {
            case "notifications/progress":
                progress.append(ProgressUpdate(
                    progress: params?["progress"]?.doubleValue ?? 0, total: params?["total"]?.doubleValue,
                    message: params?["message"]?.stringValue))
            case "notifications/message":
                logs.append(LogMessage(
                    level: params?["level"]?.stringValue ?? "", logger: params?["logger"]?.stringValue, data: params?["data"] ?? .null))
            default:
                break
            }
        }
        self.progress = progress
        self.logs = logs
    }

    /// The text of the `text` content blocks, joined by newlines.
    public var text: String {
        content.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined(separator: "\n")
    }

    /// `structuredContent` decoded as `T`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard let structuredContent else {
            throw MCPTestError.unexpectedResult(method: "tools/call", reason: "the result has no structuredContent (content: \(text))")
        }
        return try JSONDecoder().decode(T.self, from: Data(JSONWriter.bytes(structuredContent)))
    }
}
