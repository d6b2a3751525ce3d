import Foundation
import MCPProxy

/// How a prompt argument, which MCP always sends as a string, is read.
enum PromptArgument {
    /// What a property's schema lets a string become.
    enum Kind: Sendable {
        case string
        case integer
        case number
        case boolean

        /// The kind for a property schema, or `nil` when no string can become it.
        init?(schema: JSONValue) {
            // The recorder describes an optional property as its wrapped type (not required).
            switch schema["type"]?.stringValue {
            case "string": self = .string
            case "integer": self = .integer
            case "number": self = .number
            case "boolean": self = .boolean
            default: return nil
            }
        }
    }

    /// `values` with strings turned into the numbers and booleans their properties expect; a
    /// string that is not one is left alone, so the decoder names the argument and the type.
    static func coerce(_ values: [String: JSONValue], kinds: [String: Kind]) -> [String: JSONValue] {
        var coerced = values
        for (name, value) in values {
            guard case .string(let text) = value, let kind = kinds[name] else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch kind {
            case .string:
                continue
            case .integer:
                if let integer = Int(trimmed) { coerced[name] = .int(integer) }
            case .number:
                if let number = Double(trimmed), number.isFinite { coerced[name] = .double(number) }
            case .boolean:
                if trimmed == "true" { coerced[name] = .bool(true) } else if trimmed == "false" { coerced[name] = .bool(false) }
            }
        }
        return coerced
    }
}
