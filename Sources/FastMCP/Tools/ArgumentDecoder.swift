import Foundation
import MCPProxy

/// Decodes tool and prompt arguments, turning `DecodingError`s into messages a
/// person (or a model) can act on.
enum ArgumentDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from arguments: [String: JSONValue]) throws(ToolError) -> T {
        if T.self == NoArguments.self, let none = NoArguments() as? T { return none }
        do {
            return try JSONValueDecoder.decode(T.self, from: .object(arguments))
        } catch let error as DecodingError {
            throw ToolError(describe(error))
        } catch {
            throw ToolError("invalid arguments: \(error)")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing required argument '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            return "argument '\(path(context.codingPath))' must be \(jsonTypeName(type))"
        case .valueNotFound(let type, let context):
            return "argument '\(path(context.codingPath))' must be \(jsonTypeName(type)), not null"
        case .dataCorrupted(let context):
            let at = context.codingPath.isEmpty ? "arguments" : "argument '\(path(context.codingPath))'"
            return "\(at): \(context.debugDescription)"
        @unknown default:
            return "invalid arguments: \(error)"
        }
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int32.Type, is Int64.Type, is UInt.Type, is UInt32.Type, is UInt64.Type, is Int8.Type, is Int16.Type,
            is UInt8.Type, is UInt16.Type:
            return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object (\(name))"
        }
    }
}
