import Foundation
import MigrateKit
import Testing

@Suite struct GitRepositoryTests {
    @Test func opensFromASubfolderAndListsTrackedFiles() throws {
        let temp = try TemporaryRepository(files: ["src/a.ts": "a\n", "README.md": "r\n"], modes: ["src/a.ts": 0o755])
        let repository = try GitRepository(discoveringFrom: temp.root + "/src")
        #expect(repository.root == URL(fileURLWithPath: temp.root).resolvingSymlinksInPath().path || repository.root == temp.root)
        let files = try repository.trackedFiles()
        #expect(files.map(\.path) == ["README.md", "src/a.ts"])
        #expect(files.map(\.mode) == [0o100644, 0o100755])
        #expect(try repository.headCommitID()?.count == 40)
        #expect(try repository.currentBranch() == "main")
    }

    @Test func refusesAFolderOutsideAnyRepository() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: GitError.self) { try GitRepository(discoveringFrom: folder) }
        #expect(error?.message.contains("is not inside a git repository") == true)
        let missing = #expect(throws: GitError.self) { try GitRepository(discoveringFrom: folder + "/nope") }
        #expect(missing?.message.hasSuffix("no such file or folder") == true)
    }

    @Test func refusesABareRepositoryWithAClearMessage() throws {
        let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
        let bare = temp.root + "-bare"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["clone", "-q", "--bare", temp.root, bare]
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: bare) }
        let error = #expect(throws: GitError.self) { try GitRepository(discoveringFrom: bare) }
        #expect(error?.message.contains("is a bare repository; migrate reads and edits a work tree") == true)
    }

    @Test func dirtyPathsIncludeModifiedStagedAndUntrackedFiles() throws {
        let temp = try TemporaryRepository(files: ["a.txt": "a\n", "b.txt": "b\n"])
        #expect(try temp.repository.dirtyPaths() == [])
        try temp.write("a.txt", "changed\n")
        try temp.write("new/untracked.txt", "u\n")
        #expect(try temp.repository.dirtyPaths() == ["a.txt", "new/untracked.txt"])
    }

    @Test func branchAndCommitUseTheGivenIdentity() throws {
        let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
        let before = try temp.repository.headCommitID()
        try temp.repository.createAndSwitchBranch("migrate/stateless")
        #expect(try temp.repository.currentBranch() == "migrate/stateless")
        try temp.write("a.txt", "b\n")
        let commit = try temp.repository.commit(paths: ["a.txt"], message: "m", identity: .init(name: "Ada", email: "ada@example.com"))
        #expect(commit != before)
        #expect(try temp.repository.dirtyPaths() == [])
        let error = #expect(throws: GitError.self) { try temp.repository.createAndSwitchBranch("migrate/stateless") }
        #expect(error?.message == "branch migrate/stateless already exists")
        #expect(throws: GitError.self) { try temp.repository.createAndSwitchBranch("bad..name") }
    }

    @Test func identityParsing() {
        #expect(GitRepository.Identity(parsing: "Ada Lovelace <ada@example.com>") == .init(name: "Ada Lovelace", email: "ada@example.com"))
        #expect(GitRepository.Identity(parsing: "no email") == nil)
        #expect(GitRepository.Identity(parsing: "<a@b>") == nil)
    }

    @Test func patchStateAppliesThenAlreadyAppliedThenConflicts() throws {
        let temp = try TemporaryRepository(files: ["a.txt": "one\ntwo\nthree\n"])
        let patch = "# a comment header\n" + (try GitPatch.diff(path: "a.txt", old: Array("one\ntwo\nthree\n".utf8), new: Array("one\n2\nthree\n".utf8)))
        #expect(patch.contains("diff --git a/a.txt b/a.txt"))
        #expect(try temp.repository.patchState(patch) == .applies)
        try temp.write("a.txt", "one\n2\nthree\n")
        #expect(try temp.repository.patchState(patch) == .alreadyApplied)
        try temp.write("a.txt", "something else\n")
        guard case .conflicts(let why) = try temp.repository.patchState(patch) else {
            Issue.record("expected a conflict")
            return
        }
        #expect(why.hasPrefix("a.txt: "))
    }

    @Test func headBlobsAndTreeAreWhatWasCommitted() throws {
        let temp = try TemporaryRepository(files: ["src/a.ts": "committed\n"])
        try temp.write("src/a.ts", "changed in the work tree\n")
        #expect(try temp.repository.headBlob("src/a.ts") == Array("committed\n".utf8))
        #expect(try temp.repository.headBlob("missing.ts") == nil)
        #expect(try temp.repository.headTreeID()?.count == 40)
    }

    @Test func diffOfEqualBuffersIsEmpty() throws {
        #expect(try GitPatch.diff(path: "x", old: [1, 2], new: [1, 2]) == "")
    }
}
