import Foundation
import MCPProxy

/// Produces the JSON Schema of a `Decodable` type by decoding it once from a
/// recording decoder: every `decode(_:forKey:)` becomes a required property,
/// every `decodeIfPresent` an optional one, unkeyed containers become arrays.
///
/// Strings, integers, floating-point numbers, booleans, optionals, arrays,
/// `[String: T]` dictionaries, nested structs, `Date` (ISO 8601), `URL`, `UUID`,
/// `Data` (base64), ``SchemaEnumeration`` enums and ``CustomJSONSchema`` types are
/// described; ``SchemaDescribed`` adds descriptions. A type whose `init(from:)`
/// rejects the placeholder values the recorder hands out is described as far as it
/// got; recursive types stop at their second appearance (`{"type": "object"}`).
public enum JSONSchemaRecorder {
    /// The JSON Schema of `type`.
    public static func schema<T: Decodable>(for type: T.Type) -> JSONValue {
        let recorder = Recorder(path: [], stack: [])
        return recorder.schema(of: type).json
    }

    /// One top-level property of a recorded type, in the order `init(from:)` decodes it
    /// (declaration order for synthesized conformances).
    struct Property {
        var name: String
        var schema: JSONValue
        var required: Bool
    }

    /// The top-level properties of `type` in declaration order (JSON objects lose order).
    static func orderedProperties<T: Decodable>(of type: T.Type) -> [Property] {
        let node = Recorder(path: [], stack: []).schema(of: type)
        var seen = Set<String>()
        return node.properties.compactMap { name, property in
            guard seen.insert(name).inserted else { return nil }
            return Property(name: name, schema: property.json, required: node.required.contains(name))
        }
    }

    /// Whether `type` is an `Optional`.
    static func isOptional(_ type: Any.Type) -> Bool {
        type is any OptionalSchema.Type
    }
}

/// One schema under construction.
final class SchemaNode {
    enum Kind {
        case unknown
        case object
        case array
        case primitive(JSONValue)
    }

    var kind: Kind = .unknown
    var properties: [(String, SchemaNode)] = []
    var required: [String] = []
    var items: SchemaNode?
    var additional: SchemaNode?
    var extra: [String: JSONValue] = [:]
    var description: String?

    init() {}
    init(_ schema: JSONValue) { kind = .primitive(schema) }

    var json: JSONValue {
        var members: [String: JSONValue]
        switch kind {
        case .unknown:
            members = [:]
        case .primitive(let schema):
            members = schema.objectValue ?? [:]
        case .array:
            members = ["type": "array"]
            if let items { members["items"] = items.json }
        case .object:
            members = ["type": "object"]
            var seen = Set<String>()
            var properties: [String: JSONValue] = [:]
            for (name, node) in self.properties where seen.insert(name).inserted { properties[name] = node.json }
            if !properties.isEmpty || additional == nil { members["properties"] = .object(properties) }
            let required = self.required.filter { properties[$0] != nil }
            if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
            if let additional { members["additionalProperties"] = additional.json }
        }
        for (key, value) in extra { members[key] = value }
        if let description { members["description"] = .string(description) }
        return .object(members)
    }
}

/// Marks `[String: Value]` so the recorder can describe its values.
protocol StringKeyedDictionarySchema {
    static func valueSchema(_ recorder: Recorder) -> SchemaNode
}

extension Dictionary: StringKeyedDictionarySchema where Key == String, Value: Decodable {
    static func valueSchema(_ recorder: Recorder) -> SchemaNode { recorder.schema(of: Value.self) }
}

/// Marks `Optional<Wrapped>` so a directly decoded optional is described as its wrapped type.
protocol OptionalSchema {
    static func wrappedSchema(_ recorder: Recorder) -> SchemaNode
    static var noneValue: Self { get }
}

extension Optional: OptionalSchema where Wrapped: Decodable {
    static func wrappedSchema(_ recorder: Recorder) -> SchemaNode { recorder.schema(of: Wrapped.self) }
    static var noneValue: Self { nil }
}

struct RecorderStop: Error {}

final class Recorder {
    let path: [any CodingKey]
    let stack: [ObjectIdentifier]
    static let maximumDepth = 24

    init(path: [any CodingKey], stack: [ObjectIdentifier]) {
        self.path = path
        self.stack = stack
    }

    /// A placeholder value and the schema for `type`.
    func record<T: Decodable>(_ type: T.Type) throws -> (T, SchemaNode) {
        if let known = Self.known(type) { return known }
        if let enumeration = type as? any SchemaEnumeration.Type, let sample = Self.sample(enumeration) as? T {
            var schema: [String: JSONValue] = ["type": "string", "enum": .array(enumeration.schemaCases.map(JSONValue.string))]
            if let described = type as? any SchemaCaseDescribed.Type { schema["oneOf"] = Self.caseBranches(described) }
            return (sample, SchemaNode(.object(schema)))
        }
        if let custom = type as? any CustomJSONSchema.Type, let sample = custom.schemaSample as? T {
            return (sample, SchemaNode(custom.jsonSchema))
        }
        if let optional = type as? any OptionalSchema.Type, let none = Self.none(optional) as? T {
            return (none, optional.wrappedSchema(self))
        }
        if let dictionary = type as? any StringKeyedDictionarySchema.Type,
            let empty = (type as? any EmptyInitializable.Type)?.makeEmpty() as? T
        {
            let node = SchemaNode()
            node.kind = .object
            node.additional = dictionary.valueSchema(self)
            return (empty, node)
        }
        let identifier = ObjectIdentifier(type)
        guard !stack.contains(identifier), stack.count < Self.maximumDepth else {
            throw RecorderStop()
        }
        let decoder = RecordingDecoder(path: path, stack: stack + [identifier])
        let value = try T(from: decoder)
        let node = decoder.node
        if let source = type as? any _SchemaDetailsSource.Type {
            SchemaDetailsApplier.apply(source._schemaDetailsSource, to: node, of: String(describing: type))
        }
        return (value, node)
    }

    /// The schema of `type`, however far recording got.
    func schema<T: Decodable>(of type: T.Type) -> SchemaNode {
        if let (_, node) = try? record(type) { return node }
        let identifier = ObjectIdentifier(type)
        guard !stack.contains(identifier), stack.count < Self.maximumDepth else {
            return SchemaNode(["type": "object"])  // a recursive reference: stop here
        }
        let decoder = RecordingDecoder(path: path, stack: stack + [identifier])
        _ = try? T(from: decoder)
        return decoder.node
    }

    private static func sample<E: SchemaEnumeration>(_ type: E.Type) -> Any? { type.schemaSample }

    /// One `{"const": case, "description": …}` branch per case, in declaration order.
    private static func caseBranches<E: SchemaCaseDescribed>(_ type: E.Type) -> JSONValue {
        let descriptions = E.caseDescriptions
        return .array(E.allCases.map { value in
            var branch: [String: JSONValue] = ["const": .string(value.rawValue)]
            if let text = descriptions[value] { branch["description"] = .string(text) }
            return .object(branch)
        })
    }
    private static func none<O: OptionalSchema>(_ type: O.Type) -> Any { type.noneValue }

    /// Placeholders and schemas for Foundation and standard types that validate their input.
    static func known<T>(_ type: T.Type) -> (T, SchemaNode)? {
        func make(_ value: Any, _ schema: JSONValue) -> (T, SchemaNode)? {
            (value as? T).map { ($0, SchemaNode(schema)) }
        }
        switch type {
        case is String.Type: return make("", ["type": "string"])
        case is Bool.Type: return make(false, ["type": "boolean"])
        case is Int.Type: return make(0, ["type": "integer"])
        case is Int8.Type: return make(Int8(0), ["type": "integer", "minimum": -128, "maximum": 127])
        case is Int16.Type: return make(Int16(0), ["type": "integer", "minimum": .int(Int(Int16.min)), "maximum": .int(Int(Int16.max))])
        case is Int32.Type: return make(Int32(0), ["type": "integer", "minimum": .int(Int(Int32.min)), "maximum": .int(Int(Int32.max))])
        case is Int64.Type: return make(Int64(0), ["type": "integer"])
        case is UInt.Type: return make(UInt(0), ["type": "integer", "minimum": 0])
        case is UInt8.Type: return make(UInt8(0), ["type": "integer", "minimum": 0, "maximum": 255])
        case is UInt16.Type: return make(UInt16(0), ["type": "integer", "minimum": 0, "maximum": .int(Int(UInt16.max))])
        case is UInt32.Type: return make(UInt32(0), ["type": "integer", "minimum": 0, "maximum": .int(Int(UInt32.max))])
        case is UInt64.Type: return make(UInt64(0), ["type": "integer", "minimum": 0])
        case is Double.Type: return make(0.0, ["type": "number"])
        case is Float.Type: return make(Float(0), ["type": "number"])
        case is Decimal.Type: return make(Decimal(0), ["type": "number"])
        case is Date.Type: return make(Date(timeIntervalSince1970: 0), ["type": "string", "format": "date-time"])
        case is URL.Type: return make(URL(string: "https://example.com")!, ["type": "string", "format": "uri"])
        case is UUID.Type: return make(UUID(), ["type": "string", "format": "uuid"])
        case is Data.Type: return make(Data(), ["type": "string", "contentEncoding": "base64"])
        case is JSONValue.Type: return make(JSONValue.null, [:])
        default: return nil
        }
    }
}

/// Dictionaries the recorder can create empty.
protocol EmptyInitializable {
    static func makeEmpty() -> Any
}

extension Dictionary: EmptyInitializable {
    static func makeEmpty() -> Any { [Key: Value]() }
}
