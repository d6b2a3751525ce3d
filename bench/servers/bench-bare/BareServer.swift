import Logging
import Hummingbird

/// The limits on this machine: a bare Hummingbird route answering a fixed JSON body the
/// size of a small tools/call reply. `--echo` makes it read the whole request body first
/// (as every MCP request must), which is the fairer floor for a POST endpoint.
/// usage: bench-bare PORT [--echo]
@main
struct BareServer {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let port = arguments.first.flatMap { Int($0) } ?? 8090
        let readsBody = arguments.contains("--echo")
        let body = #"{"id":1,"jsonrpc":"2.0","result":{"content":[{"text":"5","type":"text"}],"isError":false,"structuredContent":{"sum":5}}}"#
        let router = Router()
        if readsBody {
            router.post("/mcp") { request, _ -> Response in
                let received = try await request.body.collect(upTo: 1 << 20)
                guard received.readableBytes > 0 else { return Response(status: .badRequest) }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        } else {
            router.post("/mcp") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        }
        var logger = Logger(label: "bench-bare")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
    }
}
