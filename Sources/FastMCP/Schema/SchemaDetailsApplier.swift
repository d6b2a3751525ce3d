import Foundation
import MCPProxy

/// Lays a type's ``SchemaDetails`` over its recorded schema, refusing details that would
/// silently constrain nothing: a key the type does not decode, a constraint for another kind of
/// value, a default its own property refuses. These are programming errors, found at registration.
enum SchemaDetailsApplier {
    /// Where misuse goes instead of stopping the program: set by tests to read the messages.
    final class MisuseLog: @unchecked Sendable {
        var messages: [String] = []
    }

    @TaskLocal static var misuseLog: MisuseLog?

    /// Stops registration with `message`, or records it when a test is listening.
    static func misuse(_ message: String) {
        if let log = misuseLog {
            log.messages.append(message)
        } else {
            preconditionFailure(message)
        }
    }

    static func apply(_ details: SchemaDetails, to node: SchemaNode, of typeName: String) {
        if let description = details.description { node.description = description }
        for name in details.properties.keys.sorted() {
            let property = details.properties[name]!
            guard let target = node.properties.first(where: { $0.0 == name })?.1 else {
                let known = node.properties.map(\.0).joined(separator: ", ")
                misuse(
                    "FastMCP: the schema details of \(typeName) name '\(name)', which \(typeName) does not decode "
                        + "(its properties: \(known.isEmpty ? "none" : known))")
                continue
            }
            if let description = property.description { target.description = description }
            let types = Self.types(of: target.json)
            for keyword in property.keywords {
                if let needs = keyword.needs, let types, !Self.accepts(types, needs) {
                    misuse(
                        "FastMCP: \(typeName).\(name) is \(types.sorted().joined(separator: " or ")); "
                            + "'\(keyword.name)' applies to \(needs == "number" ? "numbers" : needs + "s") only")
                    continue
                }
                target.extra[keyword.name] = keyword.value
            }
            if let defaultValue = property.defaultValue {
                let problems = SchemaValidator.problems(defaultValue, against: target.json)
                if !problems.isEmpty {
                    misuse(
                        "FastMCP: the default of \(typeName).\(name) does not fit its own schema: "
                            + problems.map(\.description).joined(separator: "; "))
                }
                node.required.removeAll { $0 == name }
            }
            if let pattern = property.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                misuse("FastMCP: the pattern of \(typeName).\(name) is not a valid regular expression")
            }
        }
    }

    /// The JSON types a schema allows, or `nil` when it names none (anything goes).
    static func types(of schema: JSONValue) -> Set<String>? {
        switch schema["type"] {
        case .string(let name)?: return [name]
        case .array(let names)?: return Set(names.compactMap(\.stringValue))
        default: return nil
        }
    }

    static func accepts(_ types: Set<String>, _ needs: String) -> Bool {
        needs == "number" ? !types.isDisjoint(with: ["number", "integer"]) : types.contains(needs)
    }
}
