import Foundation
import MCPProxy

/// What reading a resource returns. `mimeType: nil` (the default) means the type the
/// resource or template was registered with, else `text/plain` for text and
/// `application/octet-stream` for a blob.
public enum ResourceContents: Sendable, Hashable {
    /// Text contents.
    case text(String, mimeType: String? = nil)
    /// Binary contents, sent base64-encoded.
    case blob(Data, mimeType: String? = nil)

    func json(uri: String, registeredMimeType: String?) -> JSONValue {
        switch self {
        case .text(let text, let mimeType):
            return ["uri": .string(uri), "mimeType": .string(mimeType ?? registeredMimeType ?? "text/plain"), "text": .string(text)]
        case .blob(let data, let mimeType):
            return [
                "uri": .string(uri), "mimeType": .string(mimeType ?? registeredMimeType ?? "application/octet-stream"),
                "blob": .string(data.base64EncodedString()),
            ]
        }
    }
}
