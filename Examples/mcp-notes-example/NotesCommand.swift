import ArgumentParser
import FastMCP
import Logging
import MCPCommandLine
import MCPCore
import NotesExample

/// `mcp-notes-example`: the notes server, written with `@Tools` (FastMCPMacros), stateless or
/// stateful, with a token checked on every request.
@main
struct NotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-notes-example",
        abstract: "Serve the notes example (tools declared with @Tools and doc comments).",
        discussion: "Example: mcp-notes-example --stateless --port 8080 --jwt-hs256-secret-file secret.txt --audience http://127.0.0.1:8080/mcp",
        version: PackageVersion.current)

    @OptionGroup var server: ServerOptions
    @OptionGroup var auth: AuthOptions

    mutating func run() async throws {
        let host = server.host ?? "127.0.0.1"
        let selection = try auth.resolve(resourceName: "mcp-notes-example", host: host, environment: [:])
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var configuration = MCPProxyConfiguration(
            host: host, port: server.port ?? 8080, authentication: selection.authentication, protectedResource: selection.metadata,
            resourceFromHost: selection.resourceFromHost)
        server.apply(to: &configuration)
        let proxy = MCPProxyServer(configuration: configuration, handler: NotesExample.make().handler(stateless: configuration.stateless))
        let stateless = configuration.stateless
        Task {
            if let bound = await proxy.waitUntilListening() {
                Logger(label: "mcp-notes-example").info(
                    "listening on http://\(host):\(bound)\(configuration.normalizedEndpoint) (\(stateless ? "stateless" : "stateful"), \(selection.mode))")
            }
        }
        try await proxy.runUntilSignalled()
    }
}
