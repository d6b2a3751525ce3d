import FastMCP
import Foundation
import MCPProxy

/// The server MCPTesting's own tests drive: structured output, a scoped tool, progress and
/// log notifications, a tool error, a resource, a template and a prompt.
enum NotesServer {
    struct AddArguments: Codable, Sendable {
        var a: Double
        var b: Double
    }

    struct Sum: Codable, Sendable, Equatable { var sum: Double }

    struct Identity: Codable, Sendable, Equatable {
        var subject: String?
        var scopes: [String]
    }

    struct CountArguments: Decodable, Sendable { var steps: Int }

    struct NoteArguments: Decodable, Sendable { var title: String }

    struct GreetArguments: Decodable, Sendable { var name: String }

    static func make() throws -> FastMCPServer {
        let server = FastMCPServer(name: "notes", version: "1.0.0")
        server.tool("add", description: "Adds two numbers.", output: Sum.self) { (arguments: AddArguments, _) in
            Sum(sum: arguments.a + arguments.b)
        }
        server.tool("whoami", description: "The caller.", output: Identity.self) { (_: NoArguments, context) in
            Identity(subject: context.principal?.subject, scopes: (context.principal?.scopes ?? []).sorted())
        }
        server.tool("delete_note", description: "Deletes a note; needs notes:write.", requiredScopes: ["notes:write"]) {
            (arguments: NoteArguments, _) in "deleted \(arguments.title)"
        }
        server.tool("count", description: "Counts, reporting progress and logging.") { (arguments: CountArguments, context) in
            for step in 1...max(1, arguments.steps) {
                await context.progress(Double(step), total: Double(arguments.steps), message: "step \(step)")
            }
            await context.log(.info, "counted to \(arguments.steps)", logger: "count")
            return "counted to \(arguments.steps)"
        }
        server.tool("missing_note", description: "Always a tool error.") { (arguments: NoteArguments, _) in
            ToolResult.error("no note titled \(arguments.title)")
        }
        server.resource("notes://index", name: "index", description: "Every note.") { _ in .text("groceries\nideas") }
        try server.resourceTemplate("notes://{title}", name: "note", mimeType: "text/plain") { variables, _ in
            .text("the note \(variables["title"] ?? "")")
        }
        server.prompt("greet", description: "Greets someone.") { (arguments: GreetArguments, _) in
            [.user("Say hello to \(arguments.name).")]
        }
        return server
    }
}
