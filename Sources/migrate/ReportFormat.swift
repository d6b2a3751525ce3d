import ArgumentParser

/// `--format` of `inspect` and `verify`: how the report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// For a person (the default).
    case text
    /// docs/migrate-json.md.
    case json
    /// SARIF 2.1.0, for code scanning (docs/ci.md).
    case sarif
    /// GitHub Actions workflow commands (annotations).
    case github
    /// JUnit XML (`verify` only).
    case junit
}

/// The `--format` and `--json` options both subcommands share.
struct FormatOptions: ParsableArguments {
    @Option(help: "How to print the report: text, json, sarif (SARIF 2.1.0), github (workflow annotations) or, for verify, junit.")
    var format: ReportFormat?

    @Flag(help: "Print the report as JSON (the same as --format json; see docs/migrate-json.md).")
    var json = false

    /// The chosen format; a usage error when `--json` and another `--format` are both given or
    /// the format is not one of `allowed`.
    func resolved(allowed: [ReportFormat], command: String) throws -> ReportFormat {
        if json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) ask for two formats; give one")
        }
        let chosen = json ? .json : (format ?? .text)
        guard allowed.contains(chosen) else {
            throw ValidationError("\(command) prints \(allowed.map(\.rawValue).joined(separator: ", ")); --format \(chosen.rawValue) is not one of them")
        }
        return chosen
    }
}
