import ArgumentParser
import Foundation
import Logging
import MCPCommandLine
import MCPPostgresOptions
import MCPCore
import MCPProxy
import MCPStdioProxy

/// `mcp-stateless-proxy`: puts any stdio MCP server behind stateless, OAuth-protected Streamable HTTP.
@main
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-stateless-proxy",
        abstract: "Serve a stdio MCP server over Streamable HTTP, stateless and OAuth-protected.",
        usage: "mcp-stateless-proxy [options] -- <command> [arguments...]",
        discussion: """
            Example: mcp-stateless-proxy --stateless --jwks-url https://auth.example.com/jwks.json \
            --issuer https://auth.example.com/ --allow-origin https://app.example.com -- npx some-server

            Environment variables read by the proxy itself: MCP_DEV_TOKEN (a static token, when \
            --dev-token is absent; never enough on its own to bind a non-loopback address) and \
            MCP_JWT_HS256_SECRET (the HS256 secret, when no secret flag is given). Nothing else in the \
            environment changes how it serves.
            """,
        version: PackageVersion.current)

    @OptionGroup var server: ServerOptions

    @OptionGroup var auth: AuthOptions

    @OptionGroup var limits: ServerLimitOptions

    @OptionGroup var postgres: PostgresOptions

    @Flag(help: "Run the command through /bin/sh -c.")
    var shell = false

    @Option(name: .customLong("cwd"), help: "Working directory of the upstream command.")
    var workingDirectory: String?

    @Option(name: .customLong("env"), help: "KEY=VALUE added to the upstream's environment (repeatable).")
    var environment: [String] = []

    @Flag(
        name: .customLong("forward-identity"),
        help: "Tell the upstream who calls: params._meta[\"mcp-stateless/caller\"] = {subject, scopes, claims}. Callers' own mcp-stateless/ keys are always removed.")
    var forwardIdentity = false

    @Argument(parsing: .postTerminator, help: "The stdio MCP server to run, after --.")
    var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the upstream command after --, e.g. -- npx some-server") }
        for entry in environment where !entry.contains("=") { throw ValidationError("--env takes KEY=VALUE, got \(entry)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let host = server.host ?? "127.0.0.1"
        let selection = try auth.resolve(resourceName: "mcp-stateless-proxy", host: host)
        var extra: [String: String] = [:]
        for entry in environment {
            let parts = entry.split(separator: "=", maxSplits: 1)
            extra[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let upstream: StdioUpstream
        do {
            upstream = try await StdioUpstream.start(
                StdioUpstreamConfiguration(
                    command: command, shell: shell, environment: extra, workingDirectory: workingDirectory,
                    forwardIdentity: forwardIdentity))
        } catch {
            // Not a usage error: the command ran and failed. Say how, and exit 1.
            Logger(label: "mcp-stateless-proxy").error("\(error)")
            throw ExitCode(1)
        }
        var configuration = MCPProxyConfiguration(
            host: host, port: server.port ?? 8080, authentication: selection.authentication,
            protectedResource: selection.metadata, resourceFromHost: selection.resourceFromHost)
        server.apply(to: &configuration)
        limits.apply(to: &configuration)
        let logger = Logger(label: "mcp-stateless-proxy")
        do {
            try postgres.apply(to: &configuration, logger: logger)
        } catch {
            await upstream.shutdown()
            throw error
        }
        let proxyServer = MCPProxyServer(configuration: configuration, handler: upstream)
        let (shownHost, stateless, mode, name) = (host.contains(":") ? "[\(host)]" : host, configuration.stateless, selection.mode, upstream.serverDescription.name)
        Task {
            if let bound = await proxyServer.waitUntilListening() {
                logger.info("mcp-stateless-proxy listening on http://\(shownHost):\(bound)\(configuration.normalizedEndpoint) (\(stateless ? "stateless" : "stateful"), \(mode)) → \(name)")
            }
        }
        do {
            try await proxyServer.runUntilSignalled()
        } catch {
            await upstream.shutdown()
            throw error
        }
        await upstream.shutdown()
    }
}
