/// Describes a `Codable` type's JSON Schema from its doc comments.
///
/// On a struct or class, it writes the `SchemaDetailed` conformance: the type's doc
/// comment is its description, each stored property's doc comment its property's description,
/// and `@Field` adds constraints. Keys follow a nested `CodingKeys` enum when there is one.
///
/// ```swift
/// @Schema struct Note: Codable, Sendable {
///     /// The note's title.
///     @Field(minLength: 1, maxLength: 200) var title: String
///     /// What the note says.
///     var body: String
/// }
/// ```
///
/// On a `String` enum, it writes `SchemaCaseDescribed` from each case's doc comment
/// (the enum itself declares `String`, `Codable` and `CaseIterable`).
///
/// - Parameter description: The type's description (the doc comment's text when `nil`).
@attached(extension, conformances: SchemaDetailed, SchemaCaseDescribed, names: named(schemaDetails), named(caseDescriptions))
public macro Schema(_ description: String? = nil) = #externalMacro(module: "FastMCPMacrosPlugin", type: "SchemaMacro")

/// Constraints for a stored property of a `@Schema` type; the arguments are those of
/// `SchemaProperty`, and the description comes from the property's doc comment unless
/// one is given first.
///
/// ```swift
/// /// How many results.
/// @Field(minimum: 1, maximum: 50, default: 10) var limit: Int
/// ```
@attached(peer)
public macro Field(
    _ description: String? = nil,
    minimum: Double? = nil, maximum: Double? = nil,
    exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil, multipleOf: Double? = nil,
    minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: SchemaFormat? = nil,
    minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false,
    default defaultValue: JSONValue? = nil, examples: [JSONValue] = []
) = #externalMacro(module: "FastMCPMacrosPlugin", type: "FieldMacro")
