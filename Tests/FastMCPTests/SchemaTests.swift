import FastMCP
import Foundation
import MCPProxy
import Testing

@Suite struct SchemaTests {
    struct Flat: Decodable { var name: String; var count: Int; var ratio: Double; var on: Bool }
    @Test func flat() {
        #expect(JSONSchemaRecorder.schema(for: Flat.self) == [
            "type": "object",
            "properties": ["name": ["type": "string"], "count": ["type": "integer"], "ratio": ["type": "number"], "on": ["type": "boolean"]],
            "required": ["name", "count", "ratio", "on"],
        ])
    }

    struct Optionals: Decodable { var note: String?; var limit: Int? }
    @Test func optionalsAreNotRequired() {
        #expect(JSONSchemaRecorder.schema(for: Optionals.self) == [
            "type": "object", "properties": ["note": ["type": "string"], "limit": ["type": "integer"]],
        ])
    }

    struct Point: Decodable { var x: Double; var y: Double }
    /// The deprecated string-keyed form keeps working.
    @available(*, deprecated, message: "exercises the deprecated SchemaDescribed")
    struct Shape: Decodable, SchemaDescribed {
        var points: [Point]
        var origin: Point?
        var tags: [String]
        var labels: [String: Int]
        var matrix: [[Double]]
        static let schemaDescriptions = ["points": "The corners, in order", "tags": "Free-form tags"]
        static let schemaTypeDescription: String? = "A polygon"
    }
    @available(*, deprecated, message: "exercises the deprecated SchemaDescribed")
    @Test func nestedArraysDictionariesAndDescriptions() {
        let point: JSONValue = ["type": "object", "properties": ["x": ["type": "number"], "y": ["type": "number"]], "required": ["x", "y"]]
        #expect(JSONSchemaRecorder.schema(for: Shape.self) == [
            "type": "object", "description": "A polygon",
            "properties": [
                "points": ["type": "array", "items": point, "description": "The corners, in order"],
                "origin": point,
                "tags": ["type": "array", "items": ["type": "string"], "description": "Free-form tags"],
                "labels": ["type": "object", "additionalProperties": ["type": "integer"]],
                "matrix": ["type": "array", "items": ["type": "array", "items": ["type": "number"]]],
            ],
            "required": ["points", "tags", "labels", "matrix"],
        ])
    }

    enum Unit: String, Codable, CaseIterable, SchemaEnumeration { case metre, foot, inch }
    struct Conversion: Decodable { var value: Double; var from: Unit; var to: Unit? }
    @Test func enumerations() {
        let unit: JSONValue = ["type": "string", "enum": ["metre", "foot", "inch"]]
        #expect(JSONSchemaRecorder.schema(for: Conversion.self) == [
            "type": "object", "properties": ["value": ["type": "number"], "from": unit, "to": unit], "required": ["value", "from"],
        ])
    }

    struct Foundationy: Decodable { var when: Date; var link: URL; var id: UUID; var blob: Data; var any: JSONValue }
    @Test func foundationTypes() {
        #expect(JSONSchemaRecorder.schema(for: Foundationy.self) == [
            "type": "object",
            "properties": [
                "when": ["type": "string", "format": "date-time"], "link": ["type": "string", "format": "uri"],
                "id": ["type": "string", "format": "uuid"], "blob": ["type": "string", "contentEncoding": "base64"], "any": [:],
            ],
            "required": ["when", "link", "id", "blob", "any"],
        ])
    }

    final class Tree: Decodable { var value: Int; var children: [Tree] }
    @Test func recursiveTypesStop() {
        let schema = JSONSchemaRecorder.schema(for: Tree.self)
        #expect(schema["properties"]?["value"] == ["type": "integer"])
        #expect(schema["properties"]?["children"]?["type"] == "array")
        #expect(schema["properties"]?["children"]?["items"] == ["type": "object"])
    }

    struct Renamed: Decodable {
        var fullName: String
        enum CodingKeys: String, CodingKey { case fullName = "full_name" }
    }
    @Test func codingKeysAreHonoured() {
        #expect(JSONSchemaRecorder.schema(for: Renamed.self)["properties"] == ["full_name": ["type": "string"]])
    }

    struct Validating: Decodable {
        var email: String
        var age: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            guard email.contains("@") else { throw DecodingError.dataCorruptedError(forKey: .email, in: container, debugDescription: "not an email") }
            age = try container.decode(Int.self, forKey: .age)
        }
        enum CodingKeys: String, CodingKey { case email, age }
    }
    @Test func aValidatingInitIsDescribedAsFarAsItGoes() {
        #expect(JSONSchemaRecorder.schema(for: Validating.self) == [
            "type": "object", "properties": ["email": ["type": "string"]], "required": ["email"],
        ])
    }

    @Test func topLevelArrayAndPrimitive() {
        #expect(JSONSchemaRecorder.schema(for: [Int].self) == ["type": "array", "items": ["type": "integer"]])
        #expect(JSONSchemaRecorder.schema(for: String.self) == ["type": "string"])
    }
}
