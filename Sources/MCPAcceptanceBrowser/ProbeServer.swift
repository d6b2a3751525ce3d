import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The loopback server the browser loads probe pages from and reports to: one plain HTTP
/// listener and one TLS listener (with the run's ``ThrowawayCertificate``), each on a free port
/// of 127.0.0.1. The browser reaches it under the origins' names through host-resolver rules.
final class ProbeServer: Sendable {
    /// The plain HTTP port.
    let plainPort: Int
    /// The TLS port.
    let securePort: Int
    /// The pages and reports.
    let routes: ProbeRoutes
    private let channels: [any Channel]

    /// Starts both listeners.
    static func start(certificate: ThrowawayCertificate) async throws -> ProbeServer {
        let routes = ProbeRoutes()
        let plain = try await bind(routes, tls: nil)
        do {
            let secure = try await bind(routes, tls: certificate.context)
            return ProbeServer(plain: plain, secure: secure, routes: routes)
        } catch {
            try? await plain.close()
            throw error
        }
    }

    private init(plain: any Channel, secure: any Channel, routes: ProbeRoutes) {
        plainPort = plain.localAddress?.port ?? 0
        securePort = secure.localAddress?.port ?? 0
        channels = [plain, secure]
        self.routes = routes
    }

    private static func bind(_ routes: ProbeRoutes, tls: NIOSSLContext?) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ProbeRequestHandler(routes: routes))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// The port a page of `origin` is served on.
    func port(for origin: PageOrigin) -> Int { origin.isSecure ? securePort : plainPort }

    /// Closes both listeners; a task still waiting for a report gets `nil`.
    func close() async {
        routes.close()
        for channel in channels { try? await channel.close() }
    }
}
