import MCPProxy

/// Descriptions for a tool's argument (or output) type, keyed by strings: the first form,
/// kept working. ``SchemaDetailed`` replaces it (constraints and defaults beside the descriptions,
/// misspelt keys refused at registration).
///
/// ```swift
/// struct AddArguments: Decodable, SchemaDescribed {
///     var a: Double
///     var b: Double
///     static let schemaDescriptions = ["a": "The first addend", "b": "The second addend"]
///     static let schemaTypeDescription: String? = nil   // or "Two numbers to add"
/// }
/// ```
///
/// Both members are required, with no default: a declaration of the wrong type (say
/// `static let schemaTypeDescription = "…"`, a `String`) then fails to compile instead of
/// being silently ignored.
@available(*, deprecated, message: "use SchemaDetailed: static let schemaDetails = SchemaDetails(\"…\", properties: [\"name\": \"…\"])")
public protocol SchemaDescribed: _SchemaDetailsSource {
    /// Descriptions by coding key.
    static var schemaDescriptions: [String: String] { get }
    /// A description of the type itself (`nil` for none).
    static var schemaTypeDescription: String? { get }
}

@available(*, deprecated)
extension SchemaDescribed {
    /// The descriptions as ``SchemaDetails``.
    public static var _schemaDetailsSource: SchemaDetails {
        SchemaDetails(schemaTypeDescription, properties: schemaDescriptions.mapValues { SchemaProperty($0) })
    }
}

/// Where the schema recorder reads a type's details: ``SchemaDetailed`` and the deprecated
/// ``SchemaDescribed`` both provide it. Conform to ``SchemaDetailed`` instead.
public protocol _SchemaDetailsSource {
    /// The details the recorder applies.
    static var _schemaDetailsSource: SchemaDetails { get }
}

/// Opt-in for string enums: the schema lists the cases (`enum`) and the schema
/// recorder can produce a value of the type.
///
/// ```swift
/// enum Unit: String, Codable, CaseIterable, SchemaEnumeration { case metre, foot }
/// ```
public protocol SchemaEnumeration: CaseIterable, RawRepresentable, Decodable where RawValue == String {}

extension SchemaEnumeration {
    static var schemaCases: [String] { allCases.map(\.rawValue) }
    static var schemaSample: Self? { allCases.first }
}

/// Types with a hand-written schema (when recording cannot describe them).
public protocol CustomJSONSchema {
    static var jsonSchema: JSONValue { get }
    /// A value to hand to the decoder while recording an enclosing type's schema.
    static var schemaSample: Self { get }
}
