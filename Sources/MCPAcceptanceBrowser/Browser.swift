import Foundation

/// A Chromium the browser cases run in: its executable and the version it reports.
public struct Browser: Sendable, Equatable {
    /// The executable.
    public var path: String
    /// What `--version` printed, e.g. `Chromium 156.0.8078.129 built on Debian GNU/Linux 12 (bookworm)`.
    public var version: String

    /// The version without the build line: `Chromium 156.0.8078.129`.
    public var shortVersion: String {
        version.range(of: " built on ").map { String(version[..<$0.lowerBound]) } ?? version
    }

    /// A browser at `path` that reported `version`.
    public init(path: String, version: String) {
        self.path = path
        self.version = version
    }

    /// The names looked up on `PATH`, in order, when no path is given.
    public static let candidates = ["chromium", "chromium-browser"]

    /// The browser at `explicitPath`, otherwise the first of ``candidates`` on `PATH`, with its
    /// version. Throws ``BrowserError/notFound(_:)`` naming the package to install when there is
    /// none, or when the one named cannot be run.
    public static func locate(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Browser {
        let path = try find(explicitPath: explicitPath, environment: environment)
        return Browser(path: path, version: try await version(of: path))
    }

    /// The executable ``locate(explicitPath:environment:)`` would run, without running it.
    public static func find(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let explicitPath {
            guard FileManager.default.isExecutableFile(atPath: explicitPath) else {
                throw BrowserError.notFound("--browser-path \(explicitPath) is not an executable file")
            }
            return explicitPath
        }
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        let found = candidates.lazy.flatMap { name in directories.lazy.map { "\($0)/\(name)" } }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let found else {
            throw BrowserError.notFound(
                "no browser found: neither \(candidates.joined(separator: " nor ")) is on PATH; install Chromium (Debian and Ubuntu: apt-get install chromium) or pass --browser-path")
        }
        return found
    }

    /// What `path --version` prints, within 20 seconds; it must name Chromium or Chrome.
    static func version(of path: String) async throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-acceptance-version-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = try BrowserProcess(path: path, arguments: ["--version"], logPath: log)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await process.waitForExit() }
            group.addTask {
                guard (try? await Task.sleep(for: .seconds(20))) != nil else { return }
                await process.kill()
            }
            await group.next()
            group.cancelAll()
        }
        let exited = !process.wasKilled
        let line = process.outputTail(1).trimmingCharacters(in: .whitespacesAndNewlines)
        guard exited, line.contains("Chrom") else {
            let said = line.isEmpty ? "printed nothing" : "printed \"\(line)\""
            throw BrowserError.notFound("\(path) --version \(exited ? said : "did not answer within 20 s"): it does not look like a working Chromium")
        }
        return line
    }
}
