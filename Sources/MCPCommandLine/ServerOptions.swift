import ArgumentParser
import MCPProxy

/// The serving flags every server command shares, one vocabulary: `--host --port --endpoint
/// --stateless --allow-origin --allow-header --max-body-size --request-timeout`. Older
/// spellings (`--cors-allow-origin`, `--cors-add-header`) still work, hidden from `--help`.
public struct ServerOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--host`: the address to bind; `nil` when not given (each command has its default).
    @Option(help: "Address to bind (default 127.0.0.1).")
    public var host: String?

    /// `--port`: the port to bind; `nil` when not given (default 8080).
    @Option(help: "Port to bind (default 8080; 0 picks a free port).")
    public var port: Int?

    /// `--endpoint`: the MCP endpoint path.
    @Option(help: "The MCP endpoint path.")
    public var endpoint = "/mcp"

    /// `--stateless`: no sessions.
    @Flag(help: "Stateless mode: no sessions, every request authenticated on its own.")
    public var stateless = false

    /// `--allow-origin`: allowed browser origins.
    @Option(name: .customLong("allow-origin"), help: "Allowed browser origin (repeatable; default: loopback origins when bound to loopback, else any).")
    public var allowOrigins: [String] = []

    /// `--cors-allow-origin`: the older spelling of `--allow-origin`.
    @Option(name: .customLong("cors-allow-origin"), help: .hidden)
    public var allowOriginsOldSpelling: [String] = []

    /// `--allow-header`: extra request headers browsers may send.
    @Option(name: .customLong("allow-header"), help: "Extra request header browsers may send (repeatable; the defaults stay).")
    public var allowHeaders: [String] = []

    /// `--cors-add-header`: the older spelling of `--allow-header`.
    @Option(name: .customLong("cors-add-header"), help: .hidden)
    public var allowHeadersOldSpelling: [String] = []

    /// `--max-body-size`: the largest request body in bytes.
    @Option(name: .customLong("max-body-size"), help: "Largest request body in bytes.")
    public var maxBodySize = 10 * 1024 * 1024

    /// `--request-timeout`: seconds a request may run.
    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take before the client gets -32603.")
    public var requestTimeout = 60

    /// Refuses sizes and timeouts that cannot work.
    public func validate() throws {
        guard maxBodySize > 0, requestTimeout > 0 else { throw ValidationError("--max-body-size and --request-timeout must be positive") }
    }

    /// Every `--allow-origin`, either spelling; `nil` when none was given (the default list applies).
    public var origins: [String]? {
        let all = allowOrigins + allowOriginsOldSpelling
        return all.isEmpty ? nil : all
    }

    /// Writes the endpoint, mode, CORS, size and timeout settings into `configuration`.
    public func apply(to configuration: inout MCPProxyConfiguration) {
        configuration.endpoint = endpoint
        configuration.stateless = stateless
        configuration.allowedOrigins = origins
        configuration.cors = configuration.cors.addingAllowedHeaders(allowHeaders + allowHeadersOldSpelling)
        configuration.maxBodySize = maxBodySize
        configuration.requestTimeout = .seconds(requestTimeout)
    }
}
