import MCPProxy

/// Environment variables that override the transport chosen in code, so one binary
/// can be deployed differently without a rebuild:
///
/// | variable | effect |
/// |---|---|
/// | `MCP_TRANSPORT` | `stdio`, or `http` / `httpStream` / `streamable-http` |
/// | `MCP_HOST` | bind address (HTTP) |
/// | `MCP_PORT` | port (HTTP; switching from stdio to HTTP defaults to 8080) |
/// | `MCP_ENDPOINT` | endpoint path (HTTP) |
/// | `MCP_STATELESS` | `1`/`true`/`yes` or `0`/`false`/`no` |
public enum EnvironmentOverrides {
    /// Why an override could not be applied.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// `transport` with the overrides in `environment` applied.
    public static func apply(to transport: Transport, environment: [String: String]) throws -> Transport {
        var host = "127.0.0.1"
        var port = 8080
        var endpoint = "/mcp"
        var stateless = false
        var auth: HTTPAuth?
        var cors = CORSOptions.default
        var http = false
        if case .httpStream(let h, let p, let e, let s, let a, let c) = transport {
            (host, port, endpoint, stateless, auth, cors, http) = (h, p, e, s, a, c, true)
        }
        if let choice = environment["MCP_TRANSPORT"]?.lowercased(), !choice.isEmpty {
            switch choice {
            case "stdio": http = false
            case "http", "httpstream", "http-stream", "streamable-http", "streamablehttp": http = true
            default: throw Invalid(description: "MCP_TRANSPORT must be stdio or http, got \(choice)")
            }
        }
        if let value = environment["MCP_HOST"], !value.isEmpty { host = value }
        if let value = environment["MCP_PORT"], !value.isEmpty {
            guard let parsed = Int(value), (0...65535).contains(parsed) else { throw Invalid(description: "MCP_PORT must be a port number, got \(value)") }
            port = parsed
        }
        if let value = environment["MCP_ENDPOINT"], !value.isEmpty { endpoint = value }
        if let value = environment["MCP_STATELESS"]?.lowercased(), !value.isEmpty {
            switch value {
            case "1", "true", "yes": stateless = true
            case "0", "false", "no": stateless = false
            default: throw Invalid(description: "MCP_STATELESS must be true or false, got \(value)")
            }
        }
        return http ? .httpStream(host: host, port: port, endpoint: endpoint, stateless: stateless, auth: auth, cors: cors) : .stdio
    }
}
