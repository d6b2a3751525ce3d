import ArgumentParser
import Foundation
import MigrateKit

/// The `<path>` argument and repository options every repository subcommand shares.
struct RepositoryArguments: ParsableArguments {
    @Argument(help: "Any folder inside the repository (the repository is found upward and scanned whole).")
    var path: String = "."

    @Flag(name: .customLong("allow-other-owner"),
          help: "Open a repository owned by another user (libgit2 refuses those by default). Only for repositories you trust.")
    var allowOtherOwner = false

    /// Opens the repository, or exits 2 with the reason.
    func open() throws -> GitRepository {
        do {
            return try GitRepository(discoveringFrom: path, allowOtherOwner: allowOtherOwner)
        } catch {
            throw Failure.repository(error.description)
        }
    }
}

/// Errors the subcommands exit on. Usage and repository errors exit 2.
enum Failure: Error, CustomStringConvertible {
    case repository(String)
    case usage(String)

    var description: String {
        switch self {
        case .repository(let m), .usage(let m): m
        }
    }
}

/// Runs `body`, turning migrate's own errors into a message on standard error and exit status 2.
func runReportingFailures(_ command: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("migrate \(command): \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// Writes `text` to standard output.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// The report as pretty, key-sorted JSON.
func renderJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
