import FastMCPMacros
import MCPCore

/// The notes tools, declared with `@Tools`: each `@Tool` method is a tool, its doc comment
/// the description, its parameters the arguments (compare the hand-written `ExampleServer`).
@Tools public struct NoteTools {
    let store: NoteStore

    /// Tools over `store`.
    public init(store: NoteStore) { self.store = store }

    /// Adds a note.
    ///
    /// The note is kept until the server stops.
    /// - Parameters:
    ///   - title: A short title.
    ///   - body: What the note says.
    ///   - priority: How urgent it is.
    /// - Returns: The note as stored.
    @Tool(annotations: ToolAnnotations(readOnly: false, destructive: false, idempotent: false, openWorld: false))
    func add(title: String, body: String = "", priority: Priority = .normal, context: Context) async throws -> Note {
        await context.log(.info, "adding \(title)")
        return await store.add(Note(title: title, body: body, priority: priority))
    }

    /// Finds notes whose title or body contains the words.
    /// - Parameters:
    ///   - words: Words to look for (every note when empty).
    ///   - priority: Only notes of this priority.
    ///   - limit: At most this many notes.
    @Tool(annotations: .readOnly, properties: ["limit": SchemaProperty(minimum: 1, maximum: 100)])
    func search(words: String = "", priority: Priority? = nil, limit: Int = 20) async -> [Note] {
        Array(await store.search(words, priority: priority).prefix(limit))
    }

    /// Deletes every note; needs the `notes:admin` scope.
    @Tool("delete_all", requiredScopes: ["notes:admin"])
    func deleteAll() async -> String {
        "deleted \(await store.removeAll()) notes"
    }
}

/// The notes server: ``NoteTools`` registered on a FastMCP server.
public enum NotesExample {
    /// A server with the notes tools over `store`.
    public static func make(store: NoteStore = NoteStore()) -> FastMCPServer {
        let server = FastMCPServer(name: "notes-example", version: PackageVersion.current, instructions: "Keeps short notes.")
        server.register(NoteTools(store: store))
        return server
    }
}
