import ArgumentParser

/// `migrate`: moves MCP servers to stateless OAuth and proves the result on the wire.
@main
struct MigrateCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move MCP servers to stateless, OAuth-protected Streamable HTTP, and prove it.",
        version: version,
        subcommands: [AcceptCommand.self])
}
