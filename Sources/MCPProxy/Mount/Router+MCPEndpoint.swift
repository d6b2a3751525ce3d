import HTTPTypes
import Hummingbird
import Logging

extension Router {
    /// Serves an MCP endpoint in this application, on its port, beside its own routes: both
    /// eras, stateless or stateful, CORS and authentication as ``MCPProxyServer`` would.
    ///
    /// ```swift
    /// let router = Router(context: BasicRequestContext.self)
    /// router.get("/hello") { _, _ in "hello" }
    /// let mcp = try router.addMCPEndpoint(
    ///     configuration: .init(host: "0.0.0.0", port: 8080, endpoint: "/mcp", stateless: true,
    ///                          authentication: .jwt(verifier), protectedResource: metadata),
    ///     handler: server.handler(stateless: true))
    /// let app = Application(router: router, configuration: .init(address: .hostname("0.0.0.0", port: 8080)))
    /// try await ServiceGroup(configuration: .init(services: [app, mcp], gracefulShutdownSignals: [.sigterm], logger: logger)).run()
    /// ```
    ///
    /// The endpoint is registered at ``MCPProxyConfiguration/endpoint``; with protected-resource
    /// metadata configured, RFC 9728's `/.well-known/oauth-protected-resource<endpoint>` too.
    /// `configuration.host` and `port` must say where the application listens: the fail-closed
    /// start rules are checked here against them (a refusal throws), and the resource URL
    /// (the default token audience) is built from them unless set explicitly. What the
    /// application's own server must provide (header timeout, slow-body cut, closing after an
    /// oversized refusal) is listed in docs/proxy.md.
    ///
    /// - Parameters:
    ///   - configuration: the endpoint's configuration; `endpoint` is where it is registered.
    ///   - handler: the MCP server to serve.
    ///   - healthRoutes: also register `/ping`, `/health` and `/ready` (off: the application may have its own).
    ///   - logger: where the endpoint logs (refusals to mount, drain, misconfiguration).
    /// - Returns: the service to add to the application's `ServiceGroup` (session sweeping, draining).
    @discardableResult
    public func addMCPEndpoint(
        configuration: MCPProxyConfiguration, handler: some MCPHandler, healthRoutes: Bool = false,
        logger: Logger = Logger(label: "mcp-proxy")
    ) throws -> MCPEndpointService {
        let mount = try MCPMount(configuration: configuration, handler: handler, logger: logger)
        mount.registerEndpoint(on: self, at: RouterPath(mount.endpointPath))
        mount.registerSideRoutes(on: self, healthRoutes: healthRoutes)
        return mount.service
    }
}

extension RouterGroup {
    /// Serves an MCP endpoint at `path` inside this group (its middleware applies), as
    /// `Router.addMCPEndpoint(configuration:handler:healthRoutes:logger:)` describes.
    ///
    /// A group does not expose its prefix, so `configuration.endpoint` must be the full path
    /// clients use (the group's prefix plus `path`): requests that arrive under another path
    /// are refused with 500 and logged. The RFC 9728 metadata route (and the health routes
    /// when asked) go on `root`, the application's router, at the root.
    @discardableResult
    public func addMCPEndpoint(
        _ path: RouterPath, root: Router<Context>, configuration: MCPProxyConfiguration, handler: some MCPHandler,
        healthRoutes: Bool = false, logger: Logger = Logger(label: "mcp-proxy")
    ) throws -> MCPEndpointService {
        let mount = try MCPMount(configuration: configuration, handler: handler, logger: logger)
        mount.registerEndpoint(on: self, at: path)
        mount.registerSideRoutes(on: root, healthRoutes: healthRoutes)
        return mount.service
    }
}
