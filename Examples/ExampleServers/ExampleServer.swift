import FastMCP
import Foundation
import MCPCore

/// The example MCP server on the FastMCP facade: `echo`, `add`, `whoami`, `admin_info`
/// (needs the `mcp:admin` scope), the
/// `example://readme` resource, and the unit-conversion domain of ``UnitConversion``.
public enum ExampleServer {
    public static let version = PackageVersion.current

    struct EchoArguments: Decodable, Sendable, SchemaDetailed {
        var text: String
        static let schemaDetails = SchemaDetails(properties: ["text": "Text to echo back"])
    }

    struct AddArguments: Decodable, Sendable, SchemaDetailed {
        var a: Double
        var b: Double
        static let schemaDetails = SchemaDetails(properties: ["a": "First addend", "b": "Second addend"])
    }

    struct Sum: Codable, Sendable { var sum: Double }

    struct Identity: Codable, Sendable {
        var subject: String?
        var scopes: [String]
    }

    struct AdminInfo: Codable, Sendable {
        var server: String
        var version: String
        var administrator: String
    }

    /// A server with every example tool registered.
    public static func make() -> FastMCPServer {
        let server = FastMCPServer(
            name: "mcp-example", version: version,
            instructions: "Example server: echo text, add numbers, ask who you are, and convert units.")
        server.tool("echo", description: "Returns the text it is given.", annotations: .readOnly) { (args: EchoArguments, _) in
            args.text
        }
        server.tool("add", description: "Adds two numbers.", output: Sum.self, annotations: .readOnly) { (args: AddArguments, _) in
            Sum(sum: args.a + args.b)
        }
        server.tool(
            "whoami", description: "Tells the caller who the server thinks they are (identity is per request).",
            output: Identity.self, annotations: .readOnly
        ) { (_: NoArguments, context) in
            Identity(subject: context.principal?.subject, scopes: (context.principal?.scopes ?? []).sorted())
        }
        server.tool(
            "admin_info", description: "Server facts for administrators; needs the mcp:admin scope (a step-up example).",
            output: AdminInfo.self, annotations: .readOnly, requiredScopes: ["mcp:admin"]
        ) { (_: NoArguments, context) in
            AdminInfo(server: "mcp-example", version: version, administrator: context.principal?.subject ?? "")
        }
        server.resource("example://readme", name: "readme", description: "What this example server is.", mimeType: "text/markdown") { _ in
            .text("# mcp-example\n\nA stateless, OAuth-protected MCP server built with FastMCP.\n", mimeType: "text/markdown")
        }
        UnitConversion.register(on: server)
        return server
    }
}
