import Foundation
import MigrateKit
import Testing

/// The `migrate` executable, run as a user runs it.
enum MigrateCLI {
    static let path: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("migrate").path,
            PackageRoot.path + "/.build/debug/migrate",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `migrate`; a run still going after `limit` is killed (status 9 by signal), so a
    /// hang fails its test instead of the whole suite's time.
    static func run(_ arguments: [String], in folder: String? = nil, limit: Duration = .seconds(300)) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        // Standard error goes to a file, so the child cannot block on a full pipe while we read stdout.
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-stderr-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        defer { watchdog.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite struct MigrateCLITests {
    @Test func versionAndUsageErrors() throws {
        let version = try MigrateCLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let unknown = try MigrateCLI.run(["plan", "--no-such-flag"])
        #expect(unknown.status == 2)
        let author = try MigrateCLI.run(["apply", ".", "--author", "nobody"])
        #expect(author.status == 2)
        #expect(author.stderr.contains("--author must look like"))
    }

    @Test func aFolderOutsideARepositoryIsARepositoryError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in ["inspect", "plan", "apply", "verify"] {
            let result = try MigrateCLI.run([command, folder])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.hasPrefix("migrate \(command): \(folder) is not inside a git repository"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    /// `--format` on inspect and verify: `--json` is its alias, the CI formats print what the
    /// library renders, the exit status does not depend on the format, and a format a command
    /// does not print (or two formats at once) is a usage error.
    @Test func formatsShareOneVerdict() throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/hono-webstandard")
        let report = try temp.inspect().report
        #expect(try MigrateCLI.run(["inspect", temp.root, "--json"]).stdout == (try MigrateCLI.run(["inspect", temp.root, "--format", "json"])).stdout)
        #expect(try MigrateCLI.run(["verify", temp.root, "--json"]).stdout == (try MigrateCLI.run(["verify", temp.root, "--format", "json"])).stdout)
        let lenient = VerifyVerdict(report: report, strict: false)
        for (format, expected) in [
            ("sarif", try SARIFReport.render(report, verdict: lenient)), ("github", GitHubAnnotations.render(report, verdict: lenient)),
            ("junit", VerifyJUnit.render(report, verdict: lenient)),
        ] {
            let verify = try MigrateCLI.run(["verify", temp.root, "--format", format])
            #expect(verify.status == 1, "\(format): work remains")
            #expect(verify.stdout == expected, "\(format)")
            if format != "junit" {
                let inspect = try MigrateCLI.run(["inspect", temp.root, "--format", format])
                #expect(inspect.status == 0)
                #expect(inspect.stdout == expected, "inspect \(format) levels are verify's without --strict")
            }
        }
        let strict = try MigrateCLI.run(["verify", temp.root, "--strict", "--format", "github"])
        #expect(strict.stdout == GitHubAnnotations.render(report, verdict: VerifyVerdict(report: report, strict: true)))
        let junitInspect = try MigrateCLI.run(["inspect", temp.root, "--format", "junit"])
        #expect(junitInspect.status == 2)
        #expect(junitInspect.stderr.contains("inspect prints text, json, sarif, github; --format junit is not one of them"))
        let both = try MigrateCLI.run(["verify", temp.root, "--json", "--format", "sarif"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--json and --format sarif ask for two formats; give one"))
        #expect(both.stdout.isEmpty)
    }

    /// The pre-commit hook of docs/ci.md, run by `git commit` as written there: it refuses a
    /// half-migrated server, lets a clean commit through, and leaves unstaged changes, untracked
    /// files and the stash list exactly as they were either way.
    @Test(arguments: [("hono-webstandard", false), ("no server at all", true)])
    func theDocumentedPreCommitHookWorks(sample: String, passes: Bool) throws {
        let document = try String(contentsOfFile: PackageRoot.path + "/docs/ci.md", encoding: .utf8)
        let start = try #require(document.range(of: "#!/bin/sh\n"))
        let end = try #require(document.range(of: "\n```", range: start.lowerBound..<document.endIndex))
        let hook = String(document[start.lowerBound..<end.lowerBound]) + "\n"
        let temp = passes
            ? try TemporaryRepository(files: ["README.md": "notes\n", "src/util.ts": "export const cors = 1;\n"])
            : try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        try temp.write(".git/hooks/pre-commit", Array(hook.utf8), mode: 0o755)
        let git = { (arguments: [String]) throws -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", temp.root, "-c", "user.name=T", "-c", "user.email=t@example.com"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = URL(fileURLWithPath: MigrateCLI.path).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try temp.write("staged.txt", "staged\n")
        #expect(try git(["add", "staged.txt"]) == 0)
        let tracked = try #require(try temp.repository.trackedFiles().first { $0.path != "staged.txt" }).path
        let unstaged = temp.text(tracked) + "\n# unstaged\n"
        try temp.write(tracked, unstaged)
        try temp.write("untracked.txt", "untracked\n")
        let status = try git(["commit", "-q", "-m", "through the hook"])
        #expect((status == 0) == passes, "git commit exited \(status)")
        #expect(temp.text(tracked) == unstaged)
        #expect(temp.text("untracked.txt") == "untracked\n")
        #expect(!FileManager.default.fileExists(atPath: temp.root + "/.git/refs/stash"), "no stash left behind")
        let repository = try GitRepository(discoveringFrom: temp.root)
        #expect(try repository.dirtyPaths() == (passes ? [tracked, "untracked.txt"] : ["staged.txt", tracked, "untracked.txt"]).sorted())
    }

    @Test func inspectJSONFollowsTheDocumentedSchema() throws {
        let temp = try TemporaryRepository(copying: Samples.folder + "/fastmcp-inline")
        let result = try MigrateCLI.run(["inspect", "src", "--json"], in: temp.root)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["schemaVersion", "repository", "sites", "dependencies", "findings"])
        #expect(json["schemaVersion"] as? Int == 2)
        let repository = try #require(json["repository"] as? [String: Any])
        #expect(repository["dirty"] as? Bool == false)
        #expect((repository["head"] as? String)?.count == 40)
        let sites = try #require(json["sites"] as? [[String: Any]])
        let apply = try #require(sites.first { $0["outcome"] as? String == "apply" })
        #expect(apply["file"] as? String == "src/server.ts")
        #expect(apply["line"] as? Int == 33)
        #expect(apply["stack"] as? String == "fastmcp-ts")
        #expect(apply["recipe"] as? String == "stateless-opt-in")
        let edit = try #require(apply["edit"] as? [String: Any])
        #expect(edit["summary"] as? String == "set `httpStream.stateless` to true")
        let changes = try #require(edit["changes"] as? [[String: Any]])
        #expect(changes.first?["replacement"] as? String == "    stateless: true,\n")
        let dependency = try #require((json["dependencies"] as? [[String: Any]])?.first)
        #expect(Set(dependency.keys) == ["package", "workspace", "declared", "resolved", "lockfile", "floor", "satisfied"])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["file", "line", "kind", "advice"])
    }

    @Test func planApplyVerifyAcceptTheWorkflow() throws {
        let temp = try TemporaryRepository(copying: Samples.folder + "/fastmcp-monorepo")
        let planFile = temp.root + "/../\(UUID().uuidString).patch"
        defer { try? FileManager.default.removeItem(atPath: planFile) }

        let plan = try MigrateCLI.run(["plan", temp.root, "--bump", "--out", planFile])
        #expect(plan.status == 0, "\(plan.stderr)")
        let committed = try String(contentsOfFile: PackageRoot.path + "/patches/fastmcp-monorepo.bump.patch", encoding: .utf8)
        #expect(try String(contentsOfFile: planFile, encoding: .utf8) == committed)

        let before = try MigrateCLI.run(["verify", temp.root, "--patches", planFile])
        #expect(before.status == 1)
        #expect(before.stdout.contains("patch \(planFile): applies"))
        #expect(before.stdout.hasSuffix("verify: work remains\n"))

        try temp.write("scratch.txt", "uncommitted\n")
        let refused = try MigrateCLI.run(["apply", temp.root, "--bump"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("scratch.txt"))
        try FileManager.default.removeItem(atPath: temp.root + "/scratch.txt")

        let apply = try MigrateCLI.run(["apply", temp.root, "--bump", "--branch", "migrate/stateless", "--author", "Ada <ada@example.com>"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("applied packages/search/package.json:5 [dependency-floor] raise fastmcp to \"^3.13.0\""))
        #expect(apply.stdout.contains("now run: npm install"))
        #expect(apply.stdout.contains("committed "))

        let again = try MigrateCLI.run(["apply", temp.root, "--bump"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("nothing to apply"))

        let after = try MigrateCLI.run(["verify", temp.root, "--json", "--patches", planFile])
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect((verdict["patches"] as? [[String: Any]])?.first?["state"] as? String == "applied")
        // The lockfile still resolves fastmcp 3.8.2 for packages/search until `npm install` runs.
        #expect(after.status == 1)
        #expect(verdict["ok"] as? Bool == false)
    }

    @Test func verifyPassesOnAMigratedRepositoryAndStrictCountsReviews() throws {
        let temp = try TemporaryRepository(copying: Samples.folder + "/express-cors-headers")
        #expect(try MigrateCLI.run(["apply", temp.root]).status == 0)
        #expect(try MigrateCLI.run(["verify", temp.root]).status == 0)
        let python = try TemporaryRepository(copying: Samples.folder + "/python-fastmcp")
        #expect(try MigrateCLI.run(["verify", python.root]).status == 0)
        let strict = try MigrateCLI.run(["verify", python.root, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("review: server.py:5 [stateless-opt-in]"))
    }
}
