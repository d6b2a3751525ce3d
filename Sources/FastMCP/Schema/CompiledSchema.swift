import Foundation
import MCPProxy

/// A JSON Schema read once, at registration: keywords looked up, patterns compiled, names of
/// properties listed, defaults collected. ``SchemaValidator`` walks it on every call without
/// touching a dictionary of keywords.
///
/// Immutable after `init` (`NSRegularExpression` matching is safe from any thread).
final class CompiledSchema: @unchecked Sendable {
    /// A schema that is the literal `false` (nothing is allowed) — `true` and `{}` compile to no checks.
    let refusesEverything: Bool
    /// The `type` keyword as written (for messages), and the types it allows (`nil`: any).
    let typeKeyword: JSONValue?
    let types: JSONTypes?
    let enumValues: [JSONValue]?
    let constant: JSONValue?
    let anyOf: [CompiledSchema]
    /// `oneOf` branches; empty when they only repeat the `enum` (described cases).
    let oneOf: [CompiledSchema]
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let multipleOf: Double?
    let minLength: Int?
    let maxLength: Int?
    let pattern: (source: String, expression: NSRegularExpression)?
    let format: SchemaFormat?
    let items: CompiledSchema?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let properties: [String: CompiledSchema]
    let required: [String]
    /// `additionalProperties`; `refusesEverything` when it is `false`.
    let additional: CompiledSchema?
    /// The declared property names, sorted and joined, for "is not a known argument".
    let knownNames: String
    /// Defaults of this object's properties, in name order.
    let defaults: [(name: String, value: JSONValue)]
    /// Whether this schema or any below it fills in a default.
    let hasDefaults: Bool
    /// Whether this schema checks string contents (length, pattern, format).
    let checksStrings: Bool
    let checksNumbers: Bool

    /// A pattern that is not a regular expression.
    struct InvalidPattern: Error {
        var pattern: String
    }

    /// Compiles `schema`; with `strict`, a pattern that does not compile is an error, otherwise it constrains nothing.
    init(_ schema: JSONValue, strict: Bool) throws(InvalidPattern) {
        let keywords: [String: JSONValue]
        switch schema {
        case .bool(false):
            refusesEverything = true
            keywords = [:]
        case .object(let members):
            refusesEverything = false
            keywords = members
        default:
            refusesEverything = false
            keywords = [:]
        }
        func compile(_ value: JSONValue?) throws(InvalidPattern) -> CompiledSchema? {
            guard let value else { return nil }
            return try CompiledSchema(value, strict: strict)
        }
        func compileAll(_ value: JSONValue?) throws(InvalidPattern) -> [CompiledSchema] {
            var compiled: [CompiledSchema] = []
            for branch in value?.arrayValue ?? [] { compiled.append(try CompiledSchema(branch, strict: strict)) }
            return compiled
        }
        typeKeyword = keywords["type"]
        types = typeKeyword.flatMap(JSONTypes.init(keyword:))
        enumValues = keywords["enum"]?.arrayValue
        constant = keywords["const"]
        anyOf = try compileAll(keywords["anyOf"])
        let oneOf = try compileAll(keywords["oneOf"])
        // Described enum cases (`oneOf` of bare `const`s beside an `enum`) add nothing to check.
        let onlyDescribesCases = enumValues != nil && oneOf.allSatisfy { $0.constant != nil && $0.types == nil && $0.enumValues == nil }
        self.oneOf = onlyDescribesCases ? [] : oneOf
        minimum = keywords["minimum"]?.doubleValue
        maximum = keywords["maximum"]?.doubleValue
        exclusiveMinimum = keywords["exclusiveMinimum"]?.doubleValue
        exclusiveMaximum = keywords["exclusiveMaximum"]?.doubleValue
        multipleOf = keywords["multipleOf"]?.doubleValue.flatMap { $0 > 0 ? $0 : nil }
        minLength = keywords["minLength"]?.intValue
        maxLength = keywords["maxLength"]?.intValue
        if let source = keywords["pattern"]?.stringValue {
            if let expression = try? NSRegularExpression(pattern: source) {
                pattern = (source, expression)
            } else if strict {
                throw InvalidPattern(pattern: source)
            } else {
                pattern = nil
            }
        } else {
            pattern = nil
        }
        format = keywords["format"]?.stringValue.map(SchemaFormat.init(rawValue:))
        items = try compile(keywords["items"])
        minItems = keywords["minItems"]?.intValue
        maxItems = keywords["maxItems"]?.intValue
        uniqueItems = keywords["uniqueItems"] == .bool(true)
        var properties: [String: CompiledSchema] = [:]
        var defaults: [(String, JSONValue)] = []
        for (name, property) in keywords["properties"]?.objectValue ?? [:] {
            properties[name] = try CompiledSchema(property, strict: strict)
            if let value = property["default"] { defaults.append((name, value)) }
        }
        self.properties = properties
        self.defaults = defaults.sorted { $0.0 < $1.0 }
        required = keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        additional = try compile(keywords["additionalProperties"])
        knownNames = properties.keys.sorted().joined(separator: ", ")
        hasDefaults = !defaults.isEmpty || properties.values.contains(where: \.hasDefaults) || (items?.hasDefaults ?? false)
        checksStrings = minLength != nil || maxLength != nil || pattern != nil || format != nil
        checksNumbers = minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil || multipleOf != nil
    }
}

/// The JSON types a `type` keyword allows.
struct JSONTypes: OptionSet, Sendable {
    let rawValue: UInt8

    static let null = JSONTypes(rawValue: 1 << 0)
    static let boolean = JSONTypes(rawValue: 1 << 1)
    static let string = JSONTypes(rawValue: 1 << 2)
    static let integer = JSONTypes(rawValue: 1 << 3)
    static let number = JSONTypes(rawValue: 1 << 4)
    static let array = JSONTypes(rawValue: 1 << 5)
    static let object = JSONTypes(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The types a `type` keyword names; `nil` when it names one this does not know (it then
    /// constrains nothing here, and the decoder still checks).
    init?(keyword: JSONValue) {
        var types: JSONTypes = []
        let names = keyword.arrayValue ?? [keyword]
        for name in names {
            switch name.stringValue {
            case "null": types.insert(.null)
            case "boolean": types.insert(.boolean)
            case "string": types.insert(.string)
            case "integer": types.insert(.integer)
            case "number": types.insert(.number)
            case "array": types.insert(.array)
            case "object": types.insert(.object)
            default: return nil
            }
        }
        self = types
    }

    /// Whether `value` is one of these types (`2.0` is an integer, as JSON Schema says).
    func allows(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .int: return !isDisjoint(with: [.integer, .number])
        case .double(let number): return contains(.number) || (contains(.integer) && number.rounded() == number)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}
