import MCPProxy

/// Opt-in descriptions for a tool's argument (or output) type: Swift cannot reflect
/// doc comments, so say them here and they appear in the JSON Schema.
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
public protocol SchemaDescribed {
    /// Descriptions by coding key.
    static var schemaDescriptions: [String: String] { get }
    /// A description of the type itself (`nil` for none).
    static var schemaTypeDescription: String? { get }
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
