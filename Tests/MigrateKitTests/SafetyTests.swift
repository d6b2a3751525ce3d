import Foundation
@testable import MigrateKit
import Testing

private let server = MinimalServer.source
private let manifest = MinimalServer.manifest

@Suite struct SafetyTests {
    @Test func aDirtyWorkTreeIsRefusedAndNothingIsWritten() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server, "src/b.ts": server])
        try temp.write("notes.txt", "untracked\n")
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        let error = #expect(throws: MigrateError.self) {
            try Applier().apply(inspection, to: temp.repository, branch: nil, author: nil)
        }
        #expect(error?.message.hasPrefix("the work tree has uncommitted changes") == true)
        #expect(error?.message.contains("notes.txt") == true)
        #expect(temp.snapshot() == before)
    }

    @Test func allowDirtyStillNeverEditsADirtyFile() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server, "src/b.ts": server])
        try temp.write("src/b.ts", server + "// local change\n")
        let inspection = try temp.inspect()
        let b = try #require(inspection.report.sites.first { $0.file == "src/b.ts" })
        #expect(b.outcome == .review)
        #expect(b.reason.hasPrefix("the file has uncommitted changes, so it is not edited"))
        let result = try Applier().apply(inspection, to: temp.repository, branch: nil, author: nil, allowDirty: true)
        #expect(result.files == ["src/a.ts"])
        #expect(temp.text("src/b.ts") == server + "// local change\n")
        #expect(temp.text("src/a.ts").contains("httpStream: { port: 1, stateless: true }"))
    }

    @Test func bumpDoesNotUnblockAnEditWhenThePackageJSONIsDirty() throws {
        let temp = try TemporaryRepository(copying: PackageRoot.path + "/Examples/downstream/fastmcp-monorepo")
        try temp.write("packages/search/package.json", temp.text("packages/search/package.json") + "\n")
        let inspection = try temp.inspect(bump: true)
        let search = try #require(inspection.report.sites.first { $0.file == "packages/search/src/server.ts" })
        #expect(search.outcome == .blocked)
        #expect(inspection.edits["packages/search/package.json"] == nil)
        #expect(inspection.edits["packages/search/src/server.ts"] == nil)
    }

    @Test func anInjectedWriteFailureLeavesTheTreeByteIdentical() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server, "src/b.ts": server, "src/c.ts": server])
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        #expect(inspection.edits.count == 3)
        let writes = Counter()
        let failing = EditWriter.FileSystem(
            write: { path, bytes, mode in
                if writes.next() == 2 { throw MigrateError("disk full (injected)") }
                try EditWriter.FileSystem.posix.write(path, bytes, mode)
            },
            rename: EditWriter.FileSystem.posix.rename)
        #expect(throws: MigrateError.self) {
            try Applier(writer: EditWriter(fileSystem: failing)).apply(inspection, to: temp.repository, branch: "migrate/stateless", author: nil)
        }
        #expect(temp.snapshot() == before)
        // The branch made for the edits is gone and HEAD is back where it was.
        #expect(try temp.repository.currentBranch() == "main")
        #expect(try temp.repository.dirtyPaths() == [])
        try temp.repository.createAndSwitchBranch("migrate/stateless")
    }

    @Test func aFailedRenameRestoresTheFilesAlreadyReplaced() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server, "src/b.ts": server])
        let before = temp.snapshot()
        let renames = Counter()
        let failing = EditWriter.FileSystem(
            write: EditWriter.FileSystem.posix.write,
            rename: { from, to in
                if renames.next() == 1 { throw MigrateError("rename failed (injected)") }
                try EditWriter.FileSystem.posix.rename(from, to)
            })
        #expect(throws: MigrateError.self) {
            try Applier(writer: EditWriter(fileSystem: failing)).apply(try temp.inspect(), to: temp.repository, branch: nil, author: nil)
        }
        #expect(temp.snapshot() == before)
    }

    @Test func aSecondApplyChangesNothing() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server])
        let first = try Applier().apply(try temp.inspect(), to: temp.repository, branch: "migrate", author: nil)
        #expect(first.files == ["src/a.ts"])
        let after = temp.snapshot()
        let second = try Applier().apply(try temp.inspect(), to: temp.repository, branch: nil, author: nil)
        #expect(second.files == [])
        #expect(temp.snapshot() == after)
        #expect(try temp.inspect().report.sites(.apply).isEmpty)
    }

    @Test func lineEndingsByteOrderMarkAndModeArePreserved() throws {
        let crlf = "\u{FEFF}" + server.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "{ port: 1 }", with: "{\r\n    port: 1\r\n  }")
        let temp = try TemporaryRepository(files: ["package.json": manifest, "bin/serve.js": crlf], modes: ["bin/serve.js": 0o755])
        _ = try Applier().apply(try temp.inspect(), to: temp.repository, branch: nil, author: nil)
        let bytes = temp.read("bin/serve.js")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("    port: 1,\r\n    stateless: true\r\n  }"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        var info = stat()
        #expect(stat(temp.root + "/bin/serve.js", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o755)
    }

    @Test func branchCommitUsesTheRepositorysConfiguredAuthorOverTheGivenOne() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/a.ts": server])
        // Repository configuration wins over global configuration, so this does not depend on the machine.
        let config = temp.root + "/.git/config"
        try (String(contentsOfFile: config, encoding: .utf8) + "[user]\n\tname = Repo Owner\n\temail = owner@example.com\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Applier().apply(try temp.inspect(), to: temp.repository, branch: "migrate/stateless",
                                         author: .init(name: "Ada", email: "ada@example.com"))
        #expect(try temp.repository.currentBranch() == "migrate/stateless")
        #expect(result.commit?.count == 40)
        #expect(result.author == .init(name: "Repo Owner", email: "owner@example.com"))
        #expect(try temp.repository.dirtyPaths() == [])
    }

    @Test func authorPrecedence() {
        let configured = GitRepository.Identity(name: "C", email: "c@example.com")
        let given = GitRepository.Identity(name: "G", email: "g@example.com")
        #expect(Applier.author(configured: configured, given: given) == configured)
        #expect(Applier.author(configured: nil, given: given) == given)
        #expect(Applier.author(configured: nil, given: nil) == .init(name: "migrate", email: "migrate@localhost"))
    }

    @Test func testFilesAndBuildOutputAreNeverEdited() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": manifest, "test/server.ts": server, "src/server.spec.ts": server, "dist/server.js": server,
            "node_modules/x/index.js": server,
        ])
        let inspection = try temp.inspect()
        #expect(inspection.edits.isEmpty)
        #expect(inspection.report.sites.filter { $0.recipe == .statelessOptIn }.map(\.file) == ["src/server.spec.ts", "test/server.ts"])
        #expect(inspection.report.sites.filter { $0.recipe == .statelessOptIn }.allSatisfy { $0.outcome == .notApplicable })
    }
}

/// A thread-safe counter for injected failures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
