/// A report as GitHub Actions workflow commands (`--format github`): one `::error`, `::warning`
/// or `::notice` line per site or finding that needs attention, which the platform shows next
/// to the line in the pull request, for jobs that do not upload SARIF.
public enum GitHubAnnotations {
    /// The annotation lines; `extra` (patch results, say) are annotations without a file.
    public static func render(_ report: MigrationReport, verdict: VerifyVerdict, extra: [(level: VerifyVerdict.Level, title: String, message: String)] = []) -> String {
        var out = ""
        for site in report.sites {
            guard let level = verdict.level(of: site) else { continue }
            let state = site.unresolved == true ? "unresolved" : site.outcome.rawValue
            out += line(level, file: site.file, line: site.line, title: "\(site.recipe.rawValue) (\(state))", message: site.reason)
        }
        for finding in report.findings {
            out += line(verdict.level(of: finding), file: finding.file, line: finding.line, title: finding.kind, message: finding.advice)
        }
        for item in extra {
            out += line(item.level, file: nil, line: nil, title: item.title, message: item.message)
        }
        return out
    }

    /// One workflow command.
    static func line(_ level: VerifyVerdict.Level, file: String?, line: Int?, title: String, message: String) -> String {
        let command = switch level {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties: [String] = []
        if let file { properties.append("file=" + escapeProperty(file)) }
        if let line { properties.append("line=\(max(line, 1))") }
        properties.append("title=" + escapeProperty(title))
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// The message: `%`, CR and LF are percent-encoded, so one annotation stays one line.
    static func escapeData(_ text: String) -> String { percentEncode(text, "%\r\n") }

    /// A property value: as the message, plus `:` and `,`, which end a property.
    static func escapeProperty(_ text: String) -> String { percentEncode(text, "%\r\n:,") }

    /// `text` with each of `characters` written as `%XX`.
    private static func percentEncode(_ text: String, _ characters: String) -> String {
        let encoded = Set(characters.unicodeScalars)
        var out = ""
        for scalar in text.unicodeScalars {
            if encoded.contains(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
