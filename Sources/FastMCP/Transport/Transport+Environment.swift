import Foundation
import MCPProxy

extension Transport {
    /// Why an environment override was refused.
    public struct EnvironmentError: Error, CustomStringConvertible, Sendable {
        /// The variable, the value and the rule it broke.
        public var description: String
    }

    /// `base` with the deployment's environment applied, for servers that opt in:
    ///
    /// ```swift
    /// try await server.run(try .fromEnvironment(default: .httpStream(port: 8080, stateless: true, auth: .jwt(verifier))))
    /// ```
    ///
    /// | variable | may change |
    /// |---|---|
    /// | `MCP_TRANSPORT` | `stdio`, or `http` (`httpStream`, `streamable-http`) |
    /// | `MCP_HOST` | the bind address |
    /// | `MCP_PORT` | the port (switching from stdio to HTTP defaults to 8080) |
    /// | `MCP_ENDPOINT` | the endpoint path |
    /// | `MCP_STATELESS` | `1`/`true`/`yes` turns stateless mode on |
    ///
    /// Fail-closed rules: an override never turns stateless mode off (`MCP_STATELESS=0`
    /// on a stateless default is refused), never removes authentication (switching a stdio
    /// default to HTTP gives an unauthenticated server on loopback only) and never binds
    /// a non-loopback address without authentication.
    public static func fromEnvironment(
        default base: Transport, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EnvironmentError) -> Transport {
        var host = "127.0.0.1"
        var port = 8080
        var endpoint = "/mcp"
        var stateless = false
        var auth = HTTPAuth.unauthenticated
        var cors = CORSOptions.default
        var http = false
        var trustForwardedIdentity = false
        if case .stdio(let trust) = base { trustForwardedIdentity = trust }
        var allowedOrigins: [String]?
        var sharedState: MCPSharedState?
        if case .httpStream(let h, let p, let e, let s, let a, let c, let o, let shared) = base {
            (host, port, endpoint, stateless, auth, cors, allowedOrigins, sharedState, http) = (h, p, e, s, a, c, o, shared, true)
        }
        if let choice = environment["MCP_TRANSPORT"]?.lowercased(), !choice.isEmpty {
            switch choice {
            case "stdio": http = false
            case "http", "httpstream", "http-stream", "streamable-http", "streamablehttp": http = true
            default: throw EnvironmentError(description: "MCP_TRANSPORT must be stdio or http, got \(choice)")
            }
        }
        var hostOverridden = false
        if let value = environment["MCP_HOST"], !value.isEmpty, value != host { (host, hostOverridden) = (value, true) }
        if let value = environment["MCP_PORT"], !value.isEmpty {
            guard let parsed = Int(value), (0...65535).contains(parsed) else {
                throw EnvironmentError(description: "MCP_PORT must be a port number, got \(value)")
            }
            port = parsed
        }
        if let value = environment["MCP_ENDPOINT"], !value.isEmpty { endpoint = value }
        if let value = environment["MCP_STATELESS"]?.lowercased(), !value.isEmpty {
            switch value {
            case "1", "true", "yes": stateless = true
            case "0", "false", "no":
                if stateless {
                    throw EnvironmentError(description: "MCP_STATELESS=\(value) cannot turn stateless mode off: the code chose stateless")
                }
            default: throw EnvironmentError(description: "MCP_STATELESS must be true or false, got \(value)")
            }
        }
        guard http else { return .stdio(trustForwardedIdentity: trustForwardedIdentity) }
        if !auth.isRequired, hostOverridden, !LoopbackHost.contains(host) {
            throw EnvironmentError(
                description: "MCP_HOST=\(host) is not a loopback address and this server has no authentication: "
                    + "an environment override never exposes an unauthenticated server")
        }
        return .httpStream(host: host, port: port, endpoint: endpoint, stateless: stateless, auth: auth, cors: cors, allowedOrigins: allowedOrigins,
            sharedState: sharedState)
    }
}
