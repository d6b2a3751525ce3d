import Foundation
import MCPProxy

/// What reading a resource returns.
public enum ResourceContents: Sendable, Hashable {
    case text(String, mimeType: String = "text/plain")
    case blob(Data, mimeType: String)

    func json(uri: String) -> JSONValue {
        switch self {
        case .text(let text, let mimeType):
            return ["uri": .string(uri), "mimeType": .string(mimeType), "text": .string(text)]
        case .blob(let data, let mimeType):
            return ["uri": .string(uri), "mimeType": .string(mimeType), "blob": .string(data.base64EncodedString())]
        }
    }
}
