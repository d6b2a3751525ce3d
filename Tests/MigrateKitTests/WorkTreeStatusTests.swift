import Foundation
import Testing

@testable import MigrateKit

/// The quick status (``GitRepository/uncommittedPaths()``, and the inspector's parallel form)
/// must list exactly what libgit2's full status lists, in every state a work tree can be in.
@Suite struct WorkTreeStatusTests {
    static let files = [
        "a.txt": "a\n", "src/b.ts": "b\n", "src/deep/c.ts": "c\n", "src/deep/d.ts": "d\n", "docs/e.md": "e\n",
        ".gitignore": "*.log\n!keep.log\nbuild/\nignored-dir/\n",
    ]

    /// A repository whose index was written after every file's last change, so no record is racy.
    func settled(_ files: [String: String] = Self.files) throws -> TemporaryRepository {
        let temp = try TemporaryRepository(files: files)
        let past = Date().addingTimeInterval(-3600)
        for path in files.keys { try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: temp.root + "/" + path) }
        try temp.git("update-index", "--refresh")
        return temp
    }

    func expectSame(_ temp: TemporaryRepository, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        // A fresh handle: libgit2 caches the index per repository object.
        let repository = try GitRepository(discoveringFrom: temp.root)
        #expect(try repository.dirtyPaths() == expected, "libgit2's full status", sourceLocation: sourceLocation)
        #expect(try repository.uncommittedPaths() == expected, "the quick status", sourceLocation: sourceLocation)
    }

    @Test func aSettledCleanTreeIsCleanWithoutComparingAnyContent() throws {
        let temp = try settled()
        let repository = try GitRepository(discoveringFrom: temp.root)
        let index = try repository.indexSnapshot()
        let suspects = index.files.filter { file in
            var info = stat()
            return lstat(temp.root + "/" + file.path, &info) != 0 || !(file.recorded!.matches(info, indexWritten: index.writtenAt))
        }
        #expect(suspects.map(\.path) == [])
        try expectSame(temp, [])
    }

    @Test func aFreshlyWrittenTreeIsRacyAndStillClean() throws {
        // Files written in the second the index was: every record is a suspect, libgit2 compares.
        try expectSame(try TemporaryRepository(files: Self.files), [])
    }

    @Test func editsDeletionsAndModeChangesAreFound() throws {
        let temp = try settled()
        try temp.write("a.txt", "b\n")  // same size
        try temp.write("src/deep/c.ts", "c, longer\n")
        try FileManager.default.removeItem(atPath: temp.root + "/src/b.ts")
        chmod(temp.root + "/docs/e.md", 0o755)
        try expectSame(temp, ["a.txt", "docs/e.md", "src/b.ts", "src/deep/c.ts"])
    }

    @Test func aSameSizeEditWithItsTimePutBackIsFound() throws {
        let temp = try settled()
        let path = temp.root + "/a.txt"
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        try temp.write("a.txt", "z\n")
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        try expectSame(temp, ["a.txt"])
    }

    @Test func untrackedFilesAreListedOneByOneExceptIgnoredOnes() throws {
        let temp = try settled()
        for path in ["new.txt", "newdir/x/y.txt", "src/deep/new.ts", "x.log", "keep.log", "build/out.js", "ignored-dir/a.txt",
                     "only-ignored/z.log", "src/deep/more/n.ts"] {
            try temp.write(path, "n\n")
        }
        try FileManager.default.createDirectory(atPath: temp.root + "/empty/inner", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: temp.root + "/link", withDestinationPath: "a.txt")
        try expectSame(temp, ["keep.log", "link", "new.txt", "newdir/x/y.txt", "src/deep/more/n.ts", "src/deep/new.ts"])
    }

    @Test func aNestedRepositoryIsOneEntry() throws {
        let temp = try settled()
        let nested = try TemporaryRepository(files: ["inner.txt": "i\n"])
        try FileManager.default.moveItem(atPath: nested.root, toPath: temp.root + "/nested")
        try expectSame(temp, ["nested/"])
    }

    @Test func stagedChangesCountEvenWhenTheWorkTreeMatchesHead() throws {
        let temp = try settled()
        try temp.write("staged.txt", "s\n")
        try temp.write("a.txt", "staged edit\n")
        try temp.git("add", "staged.txt", "a.txt")
        try temp.write("a.txt", "a\n")  // back to HEAD's content, but the index holds the edit
        try temp.git("rm", "-q", "--cached", "docs/e.md")
        try expectSame(temp, ["a.txt", "docs/e.md", "staged.txt"])
    }

    @Test(arguments: [2, 3, 4]) func everyKindOfChangeUnderEachIndexVersion(version: Int) throws {
        let temp = try settled()
        try temp.git("update-index", "--index-version", "\(version)")
        try temp.write("a.txt", "b\n")
        try temp.write("staged.txt", "s\n")
        try temp.git("add", "staged.txt")
        try temp.write("src/deep/new.ts", "n\n")
        try FileManager.default.removeItem(atPath: temp.root + "/docs/e.md")
        try expectSame(temp, ["a.txt", "docs/e.md", "src/deep/new.ts", "staged.txt"])
    }

    @Test func aSplitIndexIsAnErrorNamingIt() throws {
        // libgit2 1.5 cannot read a split index; the quick status must not pretend it can.
        let temp = try settled()
        try temp.git("update-index", "--split-index")
        let repository = try GitRepository(discoveringFrom: temp.root)
        let full = #expect(throws: GitError.self) { try repository.dirtyPaths() }
        let quick = #expect(throws: GitError.self) { try repository.uncommittedPaths() }
        #expect(full?.message.contains("'link'") == true)
        #expect(quick?.message == "cannot read the index: unsupported mandatory extension: 'link'")
    }

    @Test func theInspectorComparesOnItsReadersAndStillSeesEveryChange() throws {
        let temp = try settled([
            "package.json": #"{ "dependencies": { "fastmcp": "^3.20.0" } }"#,
            "src/server.ts": """
                import { FastMCP } from "fastmcp";
                const server = new FastMCP({ name: "x", version: "1.0.0" });
                server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
                """,
        ])
        var inspection = try temp.inspect()
        #expect(!inspection.report.repository.dirty)
        #expect(inspection.report.sites.first { $0.file == "src/server.ts" }?.outcome == .apply)

        try temp.write("notes/todo.txt", "untracked\n")
        inspection = try temp.inspect()
        #expect(inspection.report.repository.dirty)
        #expect(inspection.report.sites.first { $0.file == "src/server.ts" }?.outcome == .apply)

        try temp.write("src/server.ts", temp.text("src/server.ts") + "\n// edited\n")
        inspection = try temp.inspect()
        let site = try #require(inspection.report.sites.first { $0.file == "src/server.ts" })
        #expect(site.outcome == .review)
        #expect(site.reason.hasPrefix("the file has uncommitted changes, so it is not edited"))
    }

    /// A folder the walk cannot list is not taken as empty: the walk says so, and the quick
    /// status hands the whole answer to libgit2. (Tests run as root, which reads any folder, so
    /// the unreadable folder here is one that vanished.)
    @Test func aFolderTheWalkCannotListIsNeverTakenAsEmpty() throws {
        let temp = try settled()
        let repository = try GitRepository(discoveringFrom: temp.root)
        var walk = UntrackedWalk(root: temp.root + "/no-such-folder", paths: try repository.indexSnapshot().paths, isIgnored: { _ in false })
        walk.run()
        #expect(walk.unreadable == [""])
        #expect(walk.untracked == [])
        let readable = try repository.untrackedWalk(try repository.indexSnapshot())
        #expect(readable.unreadable == [])
    }

    @Test func aFolderReplacedByAFileOrAFileByAFolder() throws {
        let temp = try settled()
        try FileManager.default.removeItem(atPath: temp.root + "/src/deep")
        try temp.write("src/deep", "now a file\n")
        try FileManager.default.removeItem(atPath: temp.root + "/a.txt")
        try temp.write("a.txt/inside.txt", "now a folder\n")
        let repository = try GitRepository(discoveringFrom: temp.root)
        let full = try repository.dirtyPaths()
        #expect(try repository.uncommittedPaths() == full)
        #expect(full.contains("src/deep/c.ts") && full.contains("a.txt"))
    }
}
