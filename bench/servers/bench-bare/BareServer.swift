import Logging
import Hummingbird

/// The limit on this machine: a bare Hummingbird route answering a fixed JSON body,
/// the size of a small tools/call reply. usage: bench-bare PORT
@main
struct BareServer {
    static func main() async throws {
        let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8090 : 8090
        let body = #"{"id":1,"jsonrpc":"2.0","result":{"content":[{"text":"5","type":"text"}],"isError":false,"structuredContent":{"sum":5}}}"#
        let router = Router()
        router.post("/mcp") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        var logger = Logger(label: "bench-bare")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
    }
}
