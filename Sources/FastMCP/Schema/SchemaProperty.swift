import MCPProxy

/// What a schema says about one property: its description and the constraints its value must meet.
///
/// Used by ``SchemaDetails`` (hand-written) and by the `FastMCPMacros` product (from doc comments
/// and `@Field`), so both paths produce the same JSON Schema and the same checks:
///
/// ```swift
/// struct Search: Decodable, Sendable, SchemaDetailed {
///     var query: String
///     var limit: Int
///     static let schemaDetails = SchemaDetails("What to look for", properties: [
///         "query": SchemaProperty("Words to find", minLength: 1, maxLength: 200),
///         "limit": SchemaProperty("How many results", minimum: 1, maximum: 50, default: 10),
///     ])
/// }
/// ```
///
/// A constraint that cannot apply to the property's type (a `minLength` on an integer) or a
/// `default` the property's own schema refuses stops registration with a message naming both:
/// it would otherwise constrain nothing, silently. A property with a `default` is not required;
/// when a call leaves it out, the default is filled in before decoding.
public struct SchemaProperty: Sendable, Hashable, ExpressibleByStringLiteral {
    /// What the property means, for the model reading the schema.
    public var description: String?
    /// The smallest number allowed (`minimum`).
    public var minimum: Double?
    /// The largest number allowed (`maximum`).
    public var maximum: Double?
    /// Numbers must be more than this (`exclusiveMinimum`).
    public var exclusiveMinimum: Double?
    /// Numbers must be less than this (`exclusiveMaximum`).
    public var exclusiveMaximum: Double?
    /// Numbers must be a multiple of this (`multipleOf`, more than 0).
    public var multipleOf: Double?
    /// The fewest characters (Unicode scalars) a string may have (`minLength`).
    public var minLength: Int?
    /// The most characters (Unicode scalars) a string may have (`maxLength`).
    public var maxLength: Int?
    /// A regular expression a string must match somewhere (`pattern`; anchor it with `^…$`).
    public var pattern: String?
    /// What kind of string it is (`format`); see ``SchemaFormat`` for the ones checked.
    public var format: SchemaFormat?
    /// The fewest items an array may have (`minItems`).
    public var minItems: Int?
    /// The most items an array may have (`maxItems`).
    public var maxItems: Int?
    /// Whether an array's items must all differ (`uniqueItems`).
    public var uniqueItems: Bool
    /// The value used when a call leaves the property out (`default`); the property is then not required.
    public var defaultValue: JSONValue?
    /// Example values shown to clients (`examples`).
    public var examples: [JSONValue]

    /// A property description with any constraints; every argument is optional.
    public init(
        _ description: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil,
        exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil, multipleOf: Double? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: SchemaFormat? = nil,
        minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false,
        default defaultValue: JSONValue? = nil, examples: [JSONValue] = []
    ) {
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.defaultValue = defaultValue
        self.examples = examples
    }

    /// The raw value of an enum case, for a `default` that is not a literal: the `@Tool` macro
    /// passes a parameter's `.celsius` here, and the schema's `default` is `"celsius"` (the
    /// same raw values the schema's `enum` lists). Anything that is not `RawRepresentable` with
    /// a JSON raw value — `Date.now`, a static configuration — gives no `default`: the value would
    /// be a guess, or frozen at listing time.
    public static func encodedDefault(_ value: Any) -> JSONValue? {
        guard let representable = value as? any RawRepresentable else { return nil }
        return rawJSON(representable)
    }

    private static func rawJSON<Value: RawRepresentable>(_ value: Value) -> JSONValue? {
        switch value.rawValue {
        case let text as String: .string(text)
        case let number as Int: .int(number)
        case let number as Double: .double(number)
        default: nil
        }
    }

    /// A property with a description only: `"title": "The note's title"`.
    public init(stringLiteral description: String) {
        self.init(description)
    }

    /// This property with `other`'s settings laid over it (what `other` leaves unset is kept).
    public func merging(_ other: SchemaProperty) -> SchemaProperty {
        var merged = self
        merged.description = other.description ?? description
        merged.minimum = other.minimum ?? minimum
        merged.maximum = other.maximum ?? maximum
        merged.exclusiveMinimum = other.exclusiveMinimum ?? exclusiveMinimum
        merged.exclusiveMaximum = other.exclusiveMaximum ?? exclusiveMaximum
        merged.multipleOf = other.multipleOf ?? multipleOf
        merged.minLength = other.minLength ?? minLength
        merged.maxLength = other.maxLength ?? maxLength
        merged.pattern = other.pattern ?? pattern
        merged.format = other.format ?? format
        merged.minItems = other.minItems ?? minItems
        merged.maxItems = other.maxItems ?? maxItems
        merged.uniqueItems = other.uniqueItems || uniqueItems
        merged.defaultValue = other.defaultValue ?? defaultValue
        merged.examples = other.examples.isEmpty ? examples : other.examples
        return merged
    }

    /// The JSON Schema keywords this property adds, with the kind of value each one needs
    /// (`nil` for keywords that fit any type).
    var keywords: [(name: String, value: JSONValue, needs: String?)] {
        var keywords: [(String, JSONValue, String?)] = []
        func number(_ name: String, _ value: Double?) {
            if let value { keywords.append((name, Self.json(value), "number")) }
        }
        func count(_ name: String, _ value: Int?, _ needs: String) {
            if let value { keywords.append((name, .int(value), needs)) }
        }
        number("minimum", minimum)
        number("maximum", maximum)
        number("exclusiveMinimum", exclusiveMinimum)
        number("exclusiveMaximum", exclusiveMaximum)
        number("multipleOf", multipleOf)
        count("minLength", minLength, "string")
        count("maxLength", maxLength, "string")
        if let pattern { keywords.append(("pattern", .string(pattern), "string")) }
        if let format { keywords.append(("format", .string(format.rawValue), "string")) }
        count("minItems", minItems, "array")
        count("maxItems", maxItems, "array")
        if uniqueItems { keywords.append(("uniqueItems", true, "array")) }
        if let defaultValue { keywords.append(("default", defaultValue, nil)) }
        if !examples.isEmpty { keywords.append(("examples", .array(examples), nil)) }
        return keywords
    }

    /// A whole number as a JSON integer (`1`, not `1.0`), anything else as a JSON number.
    static func json(_ number: Double) -> JSONValue {
        number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    }
}
