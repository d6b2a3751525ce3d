import Logging

/// The fail-closed rules ``MCPProxyServer`` enforces when it starts, and what it says
/// about them in the log.
struct StartupChecks {
    let configuration: MCPProxyConfiguration

    /// Throws ``MCPProxyServer/StartupRefusal`` for a configuration that must not serve.
    func enforce(logger: Logger) throws {
        let host = configuration.host
        let authentication = configuration.authentication
        if !authentication.isRequired, !authentication.allowsRemoteWithoutAuthentication, !LoopbackHost.contains(host) {
            let refusal = MCPProxyServer.StartupRefusal(
                description: """
                    refusing to start: authentication is disabled and the server would listen on \(host), \
                    which is not a loopback address. Configure authentication, bind 127.0.0.1, or allow it \
                    explicitly with `authentication: .disabled(allowRemote: true)` (CLI: --allow-unauthenticated-remote).
                    """)
            logger.error("\(refusal.description)")
            throw refusal
        }
        if let verifier = authentication.verifier, verifier.audience == nil,
            configuration.protectedResource?.resource == nil, LoopbackHost.isWildcard(host)
        {
            let refusal = MCPProxyServer.StartupRefusal(
                description: """
                    refusing to start: JWT authentication on the wildcard address \(host) needs the URL clients \
                    use, to check each token's audience: set the resource URL (`protectedResource.resource`, \
                    CLI: --resource) or the verifier's audience (CLI: --audience).
                    """)
            logger.error("\(refusal.description)")
            throw refusal
        }
    }

    /// Logs what an operator must know once the port is bound: serving without
    /// authentication, a resource URL derived from a wildcard address, or metadata that
    /// names no authorization server.
    func announce(boundPort: Int, logger: Logger) {
        if configuration.authentication.isRequired, let metadata = configuration.protectedResource, metadata.authorizationServers.isEmpty {
            logger.warning(
                """
                the protected-resource metadata names no authorization server: clients cannot discover where to get \
                a token. Set the authorization servers (`protectedResource.authorizationServers`) or the verifier's \
                issuer (CLI: --issuer)
                """)
        }
        let url = configuration.resourceURL(boundPort: boundPort)
        if !configuration.authentication.isRequired {
            let reach = configuration.authentication.allowsRemoteWithoutAuthentication && !LoopbackHost.contains(configuration.host)
                ? "anyone who can reach this address" : "any local process"
            logger.warning("serving WITHOUT AUTHENTICATION on \(configuration.listenURL(boundPort: boundPort)): \(reach) can call every tool")
        } else if configuration.protectedResource?.resource == nil, LoopbackHost.isWildcard(configuration.host) {
            logger.warning(
                "the resource URL is \(url), derived from a wildcard bind: set the resource URL (CLI: --resource) to the URL clients use")
        }
    }
}
