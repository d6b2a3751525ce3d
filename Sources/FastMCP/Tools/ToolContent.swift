import Foundation
import MCPProxy

/// One content block of a tool result.
public enum ToolContent: Sendable, Hashable {
    case text(String)
    /// Image bytes (sent base64-encoded) and their MIME type.
    case image(Data, mimeType: String)
    /// Audio bytes (sent base64-encoded) and their MIME type.
    case audio(Data, mimeType: String)
    /// A link to a resource.
    case resourceLink(uri: String, name: String, mimeType: String? = nil)

    var json: JSONValue {
        switch self {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .image(let data, let mimeType):
            return ["type": "image", "data": .string(data.base64EncodedString()), "mimeType": .string(mimeType)]
        case .audio(let data, let mimeType):
            return ["type": "audio", "data": .string(data.base64EncodedString()), "mimeType": .string(mimeType)]
        case .resourceLink(let uri, let name, let mimeType):
            var members: [String: JSONValue] = ["type": "resource_link", "uri": .string(uri), "name": .string(name)]
            if let mimeType { members["mimeType"] = .string(mimeType) }
            return .object(members)
        }
    }
}

/// What a tool handler may return: a `String`, a ``ToolContent``, an array of them,
/// or a full `ToolResult`.
public protocol ToolResultConvertible: Sendable {
    var toolResult: ToolResult { get }
}

extension String: ToolResultConvertible {
    /// The string as one text content.
    public var toolResult: ToolResult { .text(self) }
}

extension ToolContent: ToolResultConvertible {
    /// The content as the only item.
    public var toolResult: ToolResult { ToolResult(content: [json]) }
}

extension Array: ToolResultConvertible where Element == ToolContent {
    /// The contents in order.
    public var toolResult: ToolResult { ToolResult(content: map(\.json)) }
}

extension ToolResult: ToolResultConvertible {
    /// The result itself.
    public var toolResult: ToolResult { self }
}

/// Arguments of a tool that takes none.
public struct NoArguments: Decodable, Sendable {
    /// No arguments.
    public init() {}
    /// Decodes from anything (what was sent is ignored).
    public init(from decoder: any Decoder) throws {}
}
