import Foundation
import MCPProxy

/// Checks tool arguments against the tool's own JSON Schema before they are decoded, and
/// reports every problem at once, one line each as `/json/pointer: message`.
///
/// It reads the JSON Schema 2020-12 validation keywords FastMCP's derived schemas use and a
/// hand-written `CustomJSONSchema` may add: `type`, `enum`, `const`, `properties`, `required`,
/// `additionalProperties`, `items`, `minItems`, `maxItems`, `uniqueItems`, `minimum`,
/// `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `minLength`, `maxLength`,
/// `pattern` and `anyOf`. Keywords it does not read (`$ref`, `oneOf`, `format`, …) constrain
/// nothing here: the decoder still checks what they describe, so nothing is let through that
/// decoding would refuse.
struct SchemaValidator {
    /// One problem with the value.
    struct Problem: Equatable, CustomStringConvertible {
        /// RFC 6901 pointer to the offending value (`""` for the whole value).
        var pointer: String
        /// What is wrong, in plain words.
        var message: String

        var description: String { "\(pointer.isEmpty ? "(root)" : pointer): \(message)" }
    }

    /// Every problem of `value` against `schema`, in document order.
    static func problems(_ value: JSONValue, against schema: JSONValue) -> [Problem] {
        var found: [Problem] = []
        var path = Path()
        validate(value, schema, path: &path, into: &found)
        return found
    }

    /// Where the value being checked is; made into a pointer string only when a problem is found
    /// (the common, valid case builds no strings at all).
    struct Path {
        enum Step {
            case key(String)
            case index(Int)
        }

        var steps: [Step] = []

        var pointer: String {
            var text = ""
            for step in steps {
                switch step {
                case .key(let name): text += "/" + escape(name)
                case .index(let index): text += "/\(index)"
                }
            }
            return text
        }
    }

    static func validate(_ value: JSONValue, _ schema: JSONValue, path: inout Path, into found: inout [Problem]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append(Problem(pointer: path.pointer, message: "is not allowed")) }
            return
        }
        guard case .object(let keywords) = schema else { return }
        if let type = keywords["type"], !matches(value, type: type) {
            found.append(Problem(pointer: path.pointer, message: "must be \(typePhrase(type)) (got \(kind(of: value)))"))
            return
        }
        if let choices = keywords["enum"]?.arrayValue, !choices.contains(where: { same($0, value) }) {
            found.append(Problem(
                pointer: path.pointer, message: "must be one of: \(choices.map(show).joined(separator: ", ")) (got \(show(value)))"))
        }
        if let constant = keywords["const"], !same(constant, value) {
            found.append(Problem(pointer: path.pointer, message: "must be \(show(constant)) (got \(show(value)))"))
        }
        if let branches = keywords["anyOf"]?.arrayValue { validateAnyOf(value, branches, path: path, into: &found) }
        switch value {
        case .int, .double: validateNumber(value.doubleValue ?? 0, keywords, path: path, into: &found)
        case .string(let text): validateString(text, keywords, path: path, into: &found)
        case .array(let elements): validateArray(elements, keywords, path: &path, into: &found)
        case .object(let members): validateObject(members, keywords, path: &path, into: &found)
        default: break
        }
    }

    static func validateAnyOf(_ value: JSONValue, _ branches: [JSONValue], path: Path, into found: inout [Problem]) {
        var branchProblems: [[Problem]] = []
        for branch in branches {
            var problems: [Problem] = []
            var branchPath = path
            validate(value, branch, path: &branchPath, into: &problems)
            if problems.isEmpty { return }
            branchProblems.append(problems)
        }
        // An optional (`anyOf: [X, {"type": "null"}]`) reports what X says; otherwise say that no shape fits.
        let notNull = zip(branches, branchProblems).filter { $0.0["type"] != "null" }
        if notNull.count == 1 {
            found += notNull[0].1
        } else {
            found.append(Problem(pointer: path.pointer, message: "matches none of the \(branches.count) allowed shapes"))
        }
    }

    static func validateNumber(_ number: Double, _ keywords: [String: JSONValue], path: Path, into found: inout [Problem]) {
        var shown: String { show(number) }
        if let minimum = keywords["minimum"]?.doubleValue, number < minimum {
            found.append(Problem(pointer: path.pointer, message: "must be at least \(show(minimum)) (got \(shown))"))
        }
        if let maximum = keywords["maximum"]?.doubleValue, number > maximum {
            found.append(Problem(pointer: path.pointer, message: "must be at most \(show(maximum)) (got \(shown))"))
        }
        if let bound = keywords["exclusiveMinimum"]?.doubleValue, number <= bound {
            found.append(Problem(pointer: path.pointer, message: "must be more than \(show(bound)) (got \(shown))"))
        }
        if let bound = keywords["exclusiveMaximum"]?.doubleValue, number >= bound {
            found.append(Problem(pointer: path.pointer, message: "must be less than \(show(bound)) (got \(shown))"))
        }
        if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0 {
            let quotient = number / divisor
            if quotient.rounded() != quotient {
                found.append(Problem(pointer: path.pointer, message: "must be a multiple of \(show(divisor)) (got \(shown))"))
            }
        }
    }

    static func validateString(_ text: String, _ keywords: [String: JSONValue], path: Path, into found: inout [Problem]) {
        let length = text.unicodeScalars.count
        if let minimum = keywords["minLength"]?.intValue, length < minimum {
            found.append(Problem(pointer: path.pointer, message: "must be at least \(minimum) characters long (got \(length))"))
        }
        if let maximum = keywords["maxLength"]?.intValue, length > maximum {
            found.append(Problem(pointer: path.pointer, message: "must be at most \(maximum) characters long (got \(length))"))
        }
        if let pattern = keywords["pattern"]?.stringValue, let expression = try? NSRegularExpression(pattern: pattern) {
            let range = NSRange(text.startIndex..., in: text)
            if expression.firstMatch(in: text, range: range) == nil {
                found.append(Problem(pointer: path.pointer, message: "must match the pattern \(pattern)"))
            }
        }
    }

    static func validateArray(_ elements: [JSONValue], _ keywords: [String: JSONValue], path: inout Path, into found: inout [Problem]) {
        if let minimum = keywords["minItems"]?.intValue, elements.count < minimum {
            found.append(Problem(pointer: path.pointer, message: "must have at least \(minimum) items (got \(elements.count))"))
        }
        if let maximum = keywords["maxItems"]?.intValue, elements.count > maximum {
            found.append(Problem(pointer: path.pointer, message: "must have at most \(maximum) items (got \(elements.count))"))
        }
        if keywords["uniqueItems"] == .bool(true),
            let repeated = elements.indices.first(where: { index in elements[..<index].contains { same($0, elements[index]) } })
        {
            found.append(Problem(pointer: path.pointer, message: "must not repeat items (item \(repeated) repeats an earlier one)"))
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                path.steps.append(.index(index))
                validate(element, items, path: &path, into: &found)
                path.steps.removeLast()
            }
        }
    }

    static func validateObject(_ members: [String: JSONValue], _ keywords: [String: JSONValue], path: inout Path, into found: inout [Problem]) {
        let properties = keywords["properties"]?.objectValue ?? [:]
        if case .array(let required)? = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                path.steps.append(.key(name))
                found.append(Problem(pointer: path.pointer, message: "is required"))
                path.steps.removeLast()
            }
        }
        let additional = keywords["additionalProperties"]
        // Members are visited in the dictionary's order; their problems are put in name order
        // afterwards, and only when there are some.
        let start = found.count
        var owners: [String] = []
        for (name, member) in members {
            let before = found.count
            path.steps.append(.key(name))
            if let property = properties[name] {
                validate(member, property, path: &path, into: &found)
            } else if let additional {
                if additional == .bool(false) {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    found.append(Problem(pointer: path.pointer, message: "is not a known argument" + (known.isEmpty ? "" : " (known: \(known))")))
                } else {
                    validate(member, additional, path: &path, into: &found)
                }
            }
            path.steps.removeLast()
            if found.count > before { owners += Array(repeating: name, count: found.count - before) }
        }
        if found.count > start {
            let ordered = zip(owners, found[start...]).enumerated()
                .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map(\.element.1)
            found.replaceSubrange(start..., with: ordered)
        }
    }

    // MARK: - Words and comparisons

    /// RFC 6901: `~` → `~0`, `/` → `~1`.
    static func escape(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        var escaped = ""
        for character in name {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func matches(_ value: JSONValue, type: JSONValue) -> Bool {
        if case .array(let types) = type { return types.contains { matches(value, type: $0) } }
        switch (type.stringValue, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .int), ("number", .double), ("integer", .int):
            return true
        case ("integer", .double(let number)):
            return number.rounded() == number
        case (let name?, _):
            // An unknown type name constrains nothing here (the decoder still checks).
            return !["null", "boolean", "string", "array", "object", "number", "integer"].contains(name)
        default:
            return true
        }
    }

    static func typePhrase(_ type: JSONValue) -> String {
        if case .array(let types) = type { return types.map(typePhrase).joined(separator: " or ") }
        switch type.stringValue {
        case "integer": return "an integer"
        case "object": return "an object"
        case "array": return "an array"
        case "null": return "null"
        case let name?: return "a \(name)"
        default: return "valid"
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// JSON equality, with `1` and `1.0` the same number.
    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int, .double), (.double, .int): return left.doubleValue == right.doubleValue
        default: return left == right
        }
    }

    static func show(_ value: JSONValue) -> String { JSONWriter.string(value) }

    static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
