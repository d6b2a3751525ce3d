import FastMCPMacros
import MCPTesting
import Testing

/// A note as the tools store and return it.
@Schema struct Note: Codable, Sendable, Equatable {
    /// The note's title.
    @Field(minLength: 1, maxLength: 40) var title: String
    /// What the note says.
    var body: String
    /// How the writer felt.
    var mood: Mood?
}

@Schema enum Mood: String, Codable, Sendable, CaseIterable {
    /// Glad about it.
    case happy
    /// Not glad about it.
    case sad
    case unsure
}

actor NoteStore {
    var notes: [Note] = []

    func add(_ note: Note) -> Note {
        notes.append(note)
        return note
    }

    func clear() { notes.removeAll() }
}

@Tools struct Notes {
    let store: NoteStore

    /// Adds a note.
    ///
    /// Notes are kept in memory.
    /// - Parameters:
    ///   - title: The note's title.
    ///   - body: What the note says.
    ///   - mood: How the writer felt.
    /// - Returns: The note as stored.
    @Tool(annotations: .init(readOnly: false, destructive: false))
    func add(title: String, body: String = "", mood: Mood? = nil, context: Context) async throws -> Note {
        await store.add(Note(title: title, body: body, mood: mood))
    }

    /// How many notes there are.
    @Tool("count_notes") func count() async -> Int {
        await store.notes.count
    }

    /// Says hello.
    /// - Parameter name: Who to greet.
    /// - Parameter times: How often.
    @Tool(properties: ["times": SchemaProperty(minimum: 1, maximum: 3)])
    func greet(_ name: String, times: Int = 1) -> String {
        Array(repeating: "hello \(name)", count: times).joined(separator: ", ")
    }

    /// Forgets every note.
    @Tool(requiredScopes: ["notes:admin"]) func clear() async {
        await store.clear()
    }
}

/// The same tools written by hand with the typed constraint API: what `@Tools` must produce.
enum HandWrittenNotes {
    struct AddArguments: Decodable, Sendable, SchemaDetailed {
        var title: String
        var body: String?
        var mood: Mood?
        static let schemaDetails = SchemaDetails(properties: [
            "title": "The note's title.", "body": SchemaProperty("What the note says.", default: ""), "mood": "How the writer felt.",
        ])
    }

    struct GreetArguments: Decodable, Sendable, SchemaDetailed {
        var name: String
        var times: Int?
        static let schemaDetails = SchemaDetails(properties: [
            "name": "Who to greet.", "times": SchemaProperty("How often.", minimum: 1, maximum: 3, default: 1),
        ])
    }

    static func register(on server: FastMCPServer, store: NoteStore) {
        server.tool(
            "add", description: "Adds a note.\n\nNotes are kept in memory.", annotations: ToolAnnotations(readOnly: false, destructive: false)
        ) { (arguments: AddArguments, _) in
            await store.add(Note(title: arguments.title, body: arguments.body ?? "", mood: arguments.mood))
        }
        server.tool("count_notes", description: "How many notes there are.") { (_: NoArguments, _) in await store.notes.count }
        server.tool("greet", description: "Says hello.") { (arguments: GreetArguments, _) in
            Array(repeating: "hello \(arguments.name)", count: arguments.times ?? 1).joined(separator: ", ")
        }
        server.tool("clear", description: "Forgets every note.", requiredScopes: ["notes:admin"]) { (_: NoArguments, _) in
            await store.clear()
            return ToolResult(content: [])
        }
    }
}

/// `@Tools` types serve the same tools as the hand-written registrations: same listing, same
/// validation, same results.
@Suite struct MacroToolsTests {
    static func server(handWritten: Bool = false) -> (FastMCPServer, NoteStore) {
        let store = NoteStore()
        let server = FastMCPServer(name: "notes", version: "1")
        if handWritten {
            HandWrittenNotes.register(on: server, store: store)
        } else {
            server.register(Notes(store: store))
        }
        return (server, store)
    }

    @Test func theListingIsTheHandWrittenOne() async throws {
        let macro = try await Self.server().0.testClient(principal: nil).send("tools/list")
        let hand = try await Self.server(handWritten: true).0.testClient(principal: nil).send("tools/list")
        let tools = try #require(macro.response?["result"]?["tools"]?.arrayValue)
        #expect(macro.response?["result"]?["tools"] == hand.response?["result"]?["tools"])
        #expect(tools.map { $0["name"] } == ["add", "count_notes", "greet", "clear"])
        #expect(tools[0]["description"] == "Adds a note.\n\nNotes are kept in memory.")
        #expect(tools[0]["inputSchema"]?["required"] == ["title"])
        #expect(tools[0]["inputSchema"]?["properties"]?["body"] == ["type": "string", "description": "What the note says.", "default": ""])
        #expect(tools[0]["inputSchema"]?["properties"]?["mood"]?["oneOf"] == [
            ["const": "happy", "description": "Glad about it."], ["const": "sad", "description": "Not glad about it."], ["const": "unsure"],
        ])
        #expect(tools[0]["outputSchema"]?["description"] == "A note as the tools store and return it.")
        #expect(tools[0]["outputSchema"]?["properties"]?["title"] == [
            "type": "string", "description": "The note's title.", "minLength": 1, "maxLength": 40,
        ])
        #expect(tools[1]["outputSchema"]?["x-fastmcp-wrap-result"] == true)
        #expect(tools[2]["inputSchema"]?["properties"]?["times"] == [
            "type": "integer", "description": "How often.", "minimum": 1, "maximum": 3, "default": 1,
        ])
    }

    @Test(arguments: [false, true]) func callsBehaveAlike(handWritten: Bool) async throws {
        let (server, store) = Self.server(handWritten: handWritten)
        let client = try await server.testClient(principal: Principal(subject: "ann", scopes: ["notes:write"]))
        let added = try await client.callTool("add", arguments: ["title": "milk", "mood": "happy"])
        #expect(added.structuredContent == ["title": "milk", "body": "", "mood": "happy"])
        #expect(try added.decode(Note.self) == Note(title: "milk", body: "", mood: .happy))
        #expect(try await client.callTool("count_notes").structuredContent == ["result": 1])
        #expect(try await client.callTool("greet", arguments: ["name": "bo", "times": 2]).text == "hello bo, hello bo")
        #expect(try await client.callTool("greet", arguments: ["name": "bo"]).text == "hello bo")
        let refused = try await client.callTool("greet", arguments: ["name": 3, "times": 9])
        #expect(refused.isError)
        #expect(refused.text == "Invalid arguments for tool 'greet':\n/name: must be a string (got an integer)\n/times: must be at most 3 (got 9)")
        let badMood = try await client.callTool("add", arguments: ["title": "x", "mood": "angry"])
        #expect(badMood.text == "Invalid arguments for tool 'add':\n/mood: must be one of: \"happy\", \"sad\", \"unsure\" (got \"angry\")")
        // `clear` needs notes:admin: refused without it, and the store keeps its note.
        let denied = try await client.send("tools/call", params: ["name": "clear", "arguments": [:]])
        #expect(denied.status == 403)
        #expect(await store.notes.count == 1)
        let admin = try await server.testClient(principal: Principal(subject: "root", scopes: ["notes:admin"]))
        let cleared = try await admin.callTool("clear")
        #expect(!cleared.isError)
        #expect(cleared.structuredContent == nil)
        #expect(await store.notes.count == 0)
    }
}

/// Shapes beyond a plain struct: a generic type and a final class with a static tool.
protocol Greeting: Sendable {
    static var word: String { get }
}

enum Hello: Greeting {
    static let word = "hello"
}

@Tools struct Greeter<Word: Greeting> {
    /// Greets someone.
    /// - Parameter name: Who.
    @Tool func greet(name: String) -> String { "\(Word.word) \(name)" }
}

@Tools final class Clock: Sendable {
    let offset: Int

    init(offset: Int) { self.offset = offset }

    /// Adds the clock's offset.
    /// - Parameter value: The value to shift.
    @Tool func shift(value: Int) -> Int { value + offset }

    /// The version of the clock.
    @Tool static func version() -> String { "1" }
}

@Suite struct MacroShapesTests {
    @Test func genericTypesAndClassesWithStaticTools() async throws {
        let server = FastMCPServer(name: "shapes", version: "1")
        server.register(Greeter<Hello>())
        server.register(Clock(offset: 10))
        let client = try await server.testClient(principal: nil)
        #expect(try await client.listTools().map(\.name) == ["greet", "shift", "version"])
        #expect(try await client.callTool("greet", arguments: ["name": "ann"]).text == "hello ann")
        #expect(try await client.callTool("shift", arguments: ["value": 5]).structuredContent == ["result": 15])
        #expect(try await client.callTool("version").text == "1")
    }
}
