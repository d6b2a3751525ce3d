import ArgumentParser
import Foundation
import MCPCore

/// `migrate`: moves MCP servers to stateless OAuth and proves the result on the wire.
@main
struct MigrateCommand: AsyncParsableCommand {
    static let version = PackageVersion.current

    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move MCP servers to stateless, OAuth-protected Streamable HTTP, and prove it.",
        version: version,
        subcommands: [InspectCommand.self, PlanCommand.self, ApplyCommand.self, VerifyCommand.self, AcceptCommand.self])

    /// Runs the command; usage errors exit with status 2 (not ArgumentParser's 64), as documented.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure || error is ValidationError {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
