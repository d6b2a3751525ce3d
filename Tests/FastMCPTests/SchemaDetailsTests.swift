import FastMCP
import Foundation
import MCPProxy
import MCPTesting
import Testing

@testable import FastMCP

/// The typed constraint API: descriptions, constraints and defaults in the schema, checked on
/// every call, and misuse refused at registration.
@Suite struct SchemaDetailsTests {
    enum Priority: String, Codable, Sendable, SchemaCaseDescribed {
        case low, high
        static let caseDescriptions: [Priority: String] = [.high: "Handled today"]
    }

    struct Search: Decodable, Sendable, SchemaDetailed {
        var query: String
        var limit: Int
        var priority: Priority
        var tags: [String]
        var contact: String?
        var when: Date?
        static let schemaDetails = SchemaDetails("A search", properties: [
            "query": SchemaProperty("Words to find", minLength: 1, maxLength: 20, pattern: "^[a-z ]+$"),
            "limit": SchemaProperty("How many results", minimum: 1, maximum: 50, multipleOf: 1, default: 10),
            "priority": "How urgent",
            "tags": SchemaProperty(maxItems: 2, uniqueItems: true, default: []),
            "contact": SchemaProperty(format: .email, examples: ["a@example.com"]),
        ])
    }

    static let searchSchema: JSONValue = [
        "type": "object", "description": "A search",
        "properties": [
            "query": ["type": "string", "description": "Words to find", "minLength": 1, "maxLength": 20, "pattern": "^[a-z ]+$"],
            "limit": ["type": "integer", "description": "How many results", "minimum": 1, "maximum": 50, "multipleOf": 1, "default": 10],
            "priority": [
                "type": "string", "description": "How urgent", "enum": ["low", "high"],
                "oneOf": [["const": "low"], ["const": "high", "description": "Handled today"]],
            ],
            "tags": ["type": "array", "items": ["type": "string"], "maxItems": 2, "uniqueItems": true, "default": []],
            "contact": ["type": "string", "format": "email", "examples": ["a@example.com"]],
            "when": ["type": "string", "format": "date-time"],
        ],
        "required": ["query", "priority"],
    ]

    @Test func detailsBecomeKeywordsAndADefaultIsNotRequired() {
        #expect(JSONSchemaRecorder.schema(for: Search.self) == Self.searchSchema)
    }

    static func server() -> FastMCPServer {
        let server = FastMCPServer(name: "details", version: "1")
        server.tool("search", description: "Searches.") { (args: Search, _) in
            "\(args.query)|\(args.limit)|\(args.priority.rawValue)|\(args.tags)|\(args.contact ?? "-")"
        }
        return server
    }

    @Test func defaultsAreFilledInAndEveryConstraintIsChecked() async throws {
        let client = try await Self.server().testClient(principal: nil)
        #expect(try await client.callTool("search", arguments: ["query": "red apples", "priority": "high"]).text == "red apples|10|high|[]|-")
        let refused = try await client.callTool("search", arguments: [
            "query": "Red!", "limit": 0, "priority": "urgent", "tags": ["a", "a", "b"], "contact": "nobody",
            "when": "yesterday",
        ])
        #expect(refused.isError)
        #expect(refused.text == """
            Invalid arguments for tool 'search':
            /contact: must be an e-mail address (got "nobody")
            /limit: must be at least 1 (got 0)
            /priority: must be one of: "low", "high" (got "urgent")
            /query: must match the pattern ^[a-z ]+$
            /tags: must have at most 2 items (got 3)
            /tags: must not repeat items (item 1 repeats an earlier one)
            /when: must be an RFC 3339 date-time such as 2026-07-28T12:00:00Z (got "yesterday")
            """)
    }

    @Test func formats() {
        let table: [(SchemaFormat, String, Bool)] = [
            (.dateTime, "2026-07-28T12:00:00Z", true), (.dateTime, "2026-07-28t12:00:00.5+02:00", true),
            (.dateTime, "2026-07-28 12:00:00Z", false), (.dateTime, "2026-02-30T12:00:00Z", false), (.dateTime, "2026-07-28T12:00:00", false),
            (.date, "2024-02-29", true), (.date, "2025-02-29", false), (.date, "2026-7-28", false),
            (.time, "23:59:60Z", true), (.time, "24:00:00Z", false),
            (.email, "a@b", true), (.email, "ab", false), (.email, "@b", false),
            (.uri, "https://example.com/a?b", true), (.uri, "urn:isbn:0451450523", true), (.uri, "/relative/path", false), (.uri, "http://a b", false),
            (.uuid, "123e4567-e89b-12d3-a456-426614174000", true), (.uuid, "123e4567e89b12d3a456426614174000", false),
            (.ipv4, "192.168.0.1", true), (.ipv4, "192.168.000.1", false), (.ipv4, "256.1.1.1", false),
            (.ipv6, "::1", true), (.ipv6, "fe80::1%eth0", false), (.ipv6, "1::2::3", false),
            (.hostname, "example.com", true), (.hostname, "-bad.example", false), (.hostname, "a..b", false),
        ]
        for (format, text, valid) in table {
            #expect(SchemaFormatChecker.accepts(text, format: format) == valid, "\(format.rawValue) \(text)")
        }
        #expect(SchemaFormatChecker.accepts("anything", format: "color") == nil)
    }

    @Test func oneOfNeedsExactlyOneBranch() {
        let schema: JSONValue = ["oneOf": [["type": "integer"], ["type": "number", "minimum": 0]]]
        #expect(SchemaValidator.problems(-1.5, against: schema).map(\.description) == ["(root): matches none of the 2 allowed shapes"])
        #expect(SchemaValidator.problems(2, against: schema).map(\.description) == [
            "(root): matches 2 of the allowed shapes; exactly one must match"
        ])
        #expect(SchemaValidator.problems(-2, against: schema).isEmpty)
    }

    // Misuse stops registration (preconditionFailure), saying what is wrong; read here through the misuse log.

    struct Misspelt: Decodable, Sendable, SchemaDetailed {
        var title: String
        static let schemaDetails = SchemaDetails(properties: ["titel": "The title"])
    }

    struct LengthOnANumber: Decodable, Sendable, SchemaDetailed {
        var count: Int
        static let schemaDetails = SchemaDetails(properties: ["count": SchemaProperty(minLength: 1)])
    }

    struct DefaultOutOfRange: Decodable, Sendable, SchemaDetailed {
        var count: Int
        static let schemaDetails = SchemaDetails(properties: ["count": SchemaProperty(maximum: 5, default: 9)])
    }

    struct BrokenPattern: Decodable, Sendable, SchemaDetailed {
        var code: String
        static let schemaDetails = SchemaDetails(properties: ["code": SchemaProperty(pattern: "([a-z")])
    }

    /// What registering `type` would stop with (the messages are recorded instead of stopping).
    static func misuse<T: Decodable>(of type: T.Type) -> [String] {
        let log = SchemaDetailsApplier.MisuseLog()
        SchemaDetailsApplier.$misuseLog.withValue(log) { _ = JSONSchemaRecorder.schema(for: type) }
        return log.messages
    }

    @Test func misuseStopsRegistrationNamingIt() {
        #expect(Self.misuse(of: Misspelt.self) == [
            "FastMCP: the schema details of Misspelt name 'titel', which Misspelt does not decode (its properties: title)"
        ])
        #expect(Self.misuse(of: LengthOnANumber.self) == ["FastMCP: LengthOnANumber.count is integer; 'minLength' applies to strings only"])
        #expect(Self.misuse(of: DefaultOutOfRange.self) == [
            "FastMCP: the default of DefaultOutOfRange.count does not fit its own schema: (root): must be at most 5 (got 9)"
        ])
        #expect(Self.misuse(of: BrokenPattern.self) == ["FastMCP: the pattern of BrokenPattern.code is not a valid regular expression"])
        #expect(Self.misuse(of: Search.self) == [])
    }
}
