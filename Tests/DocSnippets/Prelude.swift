import ExampleServers
import FastMCP
import FastMCPMacros
import Hummingbird
import Logging
import MCPProxy

// Stand-ins for what the documentation's snippets take as given (the reader's own server,
// verifier, store, router…), so that every snippet in Generated/ compiles as written. A snippet
// that declares one of these names uses its own.

let secret = "a-development-secret-of-32-bytes!"
let secretString = secret
let verifier = JWTVerifier(keys: .keys([try! .hs256(secret: Array(secret.utf8))]))
let jwks = verifier
let server = FastMCPServer(name: "snippets", version: "1.0.0")
let handler = server.handler(stateless: true)
let myHandler = handler
let logger = Logger(label: "snippets")
let token = "token"
let url = "postgres://mcp@127.0.0.1/mcp"
let apiKeys = ["k-123": "build-bot"]
let publicKeyPEM = ""
typealias AppContext = BasicRequestContext
nonisolated(unsafe) let router = Router(context: AppContext.self)
let configuration = MCPProxyConfiguration(stateless: true, authentication: .disabled())
let store = NoteStore()
let notes = NoteList()

func load(_ path: String) throws -> String { path }

struct ReviewArguments: Decodable, Sendable { var file: String }
struct NewNote: Decodable, Sendable { var title: String }
final class NoteList: Sendable { func add(_ note: NewNote) {} }

@Schema struct Note: Codable, Sendable {
    var title: String
    var body: String
}

/// The reader's store: `add` returns a ``Note``, or the note type a snippet declares itself.
actor NoteStore {
    func add(title: String, body: String) async throws -> Note { Note(title: title, body: body) }
    func add<Stored>(title: String, body: String) async throws -> Stored { fatalError("a stand-in: snippets are compiled, never run") }
}

struct Add: Codable, Sendable { var a: Double; var b: Double }
struct Sum: Codable, Sendable { var sum: Double }

/// Marks a snippet's `var` used (the generated files call it after the snippet's code).
func snippetUses<Value>(_ value: inout Value) {}

/// The calculator the testing snippets call: `add`, and `admin_info` behind `mcp:admin`.
func makeCalculator() -> FastMCPServer { ExampleServer.make() }
func makeServer() -> FastMCPServer { ExampleServer.make() }
