/// A type's description and its properties' descriptions and constraints, by coding key.
///
/// Give it through ``SchemaDetailed``. Every key must name a property the type decodes:
/// a misspelt one stops registration, listing the properties there are.
public struct SchemaDetails: Sendable, Hashable {
    /// What the type as a whole is (`nil` for no description).
    public var description: String?
    /// Each property's description and constraints, keyed by its coding key (its JSON name).
    public var properties: [String: SchemaProperty]

    /// Details for a type: its description and any of its properties.
    public init(_ description: String? = nil, properties: [String: SchemaProperty] = [:]) {
        self.description = description
        self.properties = properties
    }
}

/// Types that say more about their JSON Schema than their shape: descriptions, constraints,
/// defaults. Swift cannot reflect doc comments; write them here, or let `@Schema` from the
/// `FastMCPMacros` product write this conformance from the doc comments.
///
/// ```swift
/// struct Add: Decodable, Sendable, SchemaDetailed {
///     var a: Double
///     var b: Double
///     static let schemaDetails = SchemaDetails("Two numbers", properties: [
///         "a": "The first addend",
///         "b": SchemaProperty("The second addend", minimum: 0),
///     ])
/// }
/// ```
public protocol SchemaDetailed: _SchemaDetailsSource {
    /// The type's description and its properties' descriptions and constraints.
    static var schemaDetails: SchemaDetails { get }
}

extension SchemaDetailed {
    /// ``schemaDetails``, where the recorder reads it.
    public static var _schemaDetailsSource: SchemaDetails { schemaDetails }
}

/// String enums whose cases each have a description: the schema lists the cases as `enum` and
/// describes each one as a `oneOf` branch (`{"const": "metre", "description": "…"}`).
///
/// ```swift
/// enum Unit: String, Codable, Sendable, SchemaCaseDescribed {
///     case metre, foot
///     static let caseDescriptions: [Unit: String] = [.metre: "SI unit of length", .foot: "12 inches"]
/// }
/// ```
public protocol SchemaCaseDescribed: SchemaEnumeration, Hashable {
    /// A description per case; cases left out are listed without one.
    static var caseDescriptions: [Self: String] { get }
}
