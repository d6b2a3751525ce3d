import ArgumentParser
import ExampleServers
import FastMCP

/// `mcp-example`: the example MCP server, and a development token minter.
@main
struct ExampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-example",
        abstract: "An example MCP server (echo, add, whoami) over Streamable HTTP, stateless and OAuth-protected.",
        version: ExampleServer.version,
        subcommands: [ServeCommand.self, DevTokenCommand.self],
        defaultSubcommand: ServeCommand.self)
}
