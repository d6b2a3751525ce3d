import FastMCPMacrosImplementation
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacros
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// What `@Tools`, `@Tool`, `@Schema` and `@Field` write, and what they refuse, checked on the
/// syntax (SwiftSyntaxMacrosGenericTestSupport, reported through swift-testing).
@Suite struct ToolsExpansionTests {
    static let macros: [String: MacroSpec] = [
        "Tools": MacroSpec(type: ToolsExpansion.self, conformances: ["ToolProvider"]),
        "Tool": MacroSpec(type: ToolExpansion.self),
        "Schema": MacroSpec(type: SchemaExpansion.self, conformances: ["SchemaDetailed"]),
        "Field": MacroSpec(type: FieldExpansion.self),
    ]

    static func expect(
        _ source: String, expands expanded: String, diagnostics: [DiagnosticSpec] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertMacroExpansion(source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros, indentationWidth: .spaces(4)) { failure in
            Issue.record(Comment(rawValue: failure.message), sourceLocation: sourceLocation)
        }
    }

    @Test func toolsWritesAnArgumentsTypeAndARegistrationPerMethod() {
        Self.expect(
            """
            @Tools public struct Notes {
                /// Adds a note.
                ///
                /// Kept in memory.
                /// - Parameters:
                ///   - title: The note's title.
                ///   - limit: At most this many.
                /// - Returns: The note.
                @Tool(requiredScopes: ["w"], properties: ["limit": SchemaProperty(maximum: 9)])
                func add(title: String, limit: Int = 3, context: Context) async throws -> Note { fatalError() }
                /// Counts.
                @Tool("count_notes") func count() -> Int { 0 }
            }
            """,
            expands: """
                public struct Notes {
                    /// Adds a note.
                    ///
                    /// Kept in memory.
                    /// - Parameters:
                    ///   - title: The note's title.
                    ///   - limit: At most this many.
                    /// - Returns: The note.
                    func add(title: String, limit: Int = 3, context: Context) async throws -> Note { fatalError() }
                    /// Counts.
                    func count() -> Int { 0 }
                }

                extension Notes: FastMCP.ToolProvider {
                    struct __FastMCPToolArguments0: Decodable, Sendable, FastMCP.SchemaDetailed {
                        var `title`: String
                        var `limit`: Optional<Int>
                        static var schemaDetails: FastMCP.SchemaDetails {
                            FastMCP.SchemaDetails(properties: [
                                "title": FastMCP.SchemaProperty("The note's title."),
                                "limit": FastMCP.SchemaProperty("At most this many.", default: 3).merging(SchemaProperty(maximum: 9)),
                            ])
                        }
                    }

                    public func registerTools(on server: FastMCP.FastMCPServer) {
                        server.tool("add", description: "Adds a note.\\n\\nKept in memory.", requiredScopes: ["w"]) { (arguments: __FastMCPToolArguments0, context: FastMCP.Context) in
                            try await self.add(title: arguments.`title`, limit: arguments.`limit` ?? (3), context: context)
                        }
                        server.tool("count_notes", description: "Counts.") { (arguments: FastMCP.NoArguments, context: FastMCP.Context) in
                            self.count()
                        }
                    }
                }
                """)
    }

    @Test func schemaReadsDocCommentsFieldsAndCodingKeys() {
        Self.expect(
            """
            /// A note.
            @Schema struct Note: Codable {
                /// The title.
                @Field(maxLength: 40) var title: String
                var body: String
                /// Not decoded.
                let kind = "note"
                /// Computed.
                var size: Int { 0 }
                /// When.
                var day: String
                enum CodingKeys: String, CodingKey {
                    case title, body, day = "on_day"
                }
            }
            """,
            expands: """
                /// A note.
                struct Note: Codable {
                    /// The title.
                    var title: String
                    var body: String
                    /// Not decoded.
                    let kind = "note"
                    /// Computed.
                    var size: Int { 0 }
                    /// When.
                    var day: String
                    enum CodingKeys: String, CodingKey {
                        case title, body, day = "on_day"
                    }
                }

                extension Note: FastMCP.SchemaDetailed {
                    static var schemaDetails: FastMCP.SchemaDetails {
                        FastMCP.SchemaDetails("A note.", properties: [
                            "title": FastMCP.SchemaProperty("The title.", maxLength: 40),
                            "on_day": FastMCP.SchemaProperty("When."),
                        ])
                    }
                }
                """)
    }

    @Test func misuseIsACompileErrorAtTheOffendingSyntax() {
        Self.expect(
            """
            @Tools struct T {
                @Tool func bare(x: Int) -> String { "" }
            }
            """,
            expands: """
                struct T {
                    func bare(x: Int) -> String { "" }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "a @Tool method needs a description: write a /// doc comment above it (or @Tool(description: \"…\"))",
                    line: 2, column: 16)
            ])
        Self.expect(
            """
            @Tools struct T {
                /// Sums.
                @Tool(properties: ["valeus": SchemaProperty(minItems: 1)]) func sum(values: [Int]) -> Int { 0 }
            }
            """,
            expands: """
                struct T {
                    /// Sums.
                    func sum(values: [Int]) -> Int { 0 }
                }
                """,
            diagnostics: [DiagnosticSpec(message: "'valeus' is not a parameter of sum (its arguments: values)", line: 3, column: 24)])
        Self.expect(
            """
            @Tools struct T {
                /// Sums.
                @Tool func sum(_ values: Int...) -> Int { 0 }
            }
            """,
            expands: """
                struct T {
                    /// Sums.
                    func sum(_ values: Int...) -> Int { 0 }
                }
                """,
            diagnostics: [DiagnosticSpec(message: "a @Tool parameter cannot be variadic: take an array instead", line: 3, column: 20)])
        Self.expect(
            """
            @Tools struct T {
                /// Moves.
                @Tool func move(to x: Int, to y: Int) {}
            }
            """,
            expands: """
                struct T {
                    /// Moves.
                    func move(to x: Int, to y: Int) {}
                }
                """,
            diagnostics: [DiagnosticSpec(message: "two parameters of a @Tool method would both be the argument 'to'", line: 3, column: 32)])
        Self.expect(
            """
            struct T {
                @Tool var x: Int
            }
            """,
            expands: """
                struct T {
                    var x: Int
                }
                """,
            diagnostics: [DiagnosticSpec(message: "@Tool applies to a method of a @Tools type", line: 2, column: 5)])
    }
}
