import Foundation
import Testing

@testable import MigrateKit

/// The direct index reader must list what libgit2 lists, in every index version git writes, and
/// give up (so libgit2 reads instead) on what it does not handle.
@Suite struct IndexFileTests {
    static let files = ["a.txt": "a\n", "src/b.ts": "b\n", "src/deep/c.ts": "c\n", "src/deep/d.ts": "d\n", "z/e.md": "e\n"]

    func indexBytes(_ temp: TemporaryRepository) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: temp.root + "/.git/index") ?? Data())
    }

    /// Paths, modes and ids as libgit2 reads them.
    func libgit2Entries(_ temp: TemporaryRepository) throws -> [String] {
        try GitRepository(discoveringFrom: temp.root).libgit2Snapshot().files.map { "\($0.path) \(String($0.mode, radix: 8)) \($0.blobID)" }
    }

    func directEntries(_ file: IndexFile) -> [String] {
        IndexSnapshot(file, writtenAt: 0).files.map { "\($0.path) \(String($0.mode, radix: 8)) \($0.blobID)" }
    }

    @Test(arguments: [2, 3, 4]) func everyVersionListsWhatLibgit2Lists(version: Int) throws {
        let temp = try TemporaryRepository(files: Self.files)
        try temp.git("update-index", "--index-version", "\(version)")
        if version == 3 { try temp.git("update-index", "--skip-worktree", "z/e.md") }  // an extended flag
        let bytes = indexBytes(temp)
        #expect(Array(bytes[4..<8]) == [0, 0, 0, UInt8(version)])
        let file = try #require(IndexFile(bytes))
        #expect(directEntries(file) == (try libgit2Entries(temp)))
        #expect(directEntries(file).count == 5)
        #expect(IndexSnapshot(file, writtenAt: 0).hasSpecialEntries == (version == 3))
    }

    @Test func theCacheTreeNamesHeadsTreeAfterACommitAndIsDroppedByAStagedChange() throws {
        let temp = try TemporaryRepository(files: Self.files)
        try temp.git("read-tree", "HEAD")  // writes the cache tree the way git commit leaves it
        let repository = try GitRepository(discoveringFrom: temp.root)
        let clean = try #require(IndexFile(indexBytes(temp)))
        #expect(clean.rootTreeID?.hex == (try repository.headTreeID()))
        #expect(try repository.stagedPaths(IndexSnapshot(clean, writtenAt: 0)) == [])

        try temp.write("src/new.ts", "n\n")
        try temp.git("add", "src/new.ts")
        let staged = try #require(IndexFile(indexBytes(temp)))
        #expect(staged.rootTreeID == nil)
        #expect(Set(try GitRepository(discoveringFrom: temp.root).stagedPaths(IndexSnapshot(staged, writtenAt: 0))) == ["src/new.ts"])
    }

    /// The optional extensions git writes on request (end of index entries, the entry offset
    /// table) are stepped over; the entries and the cache tree still read right.
    @Test func optionalExtensionsAreSteppedOver() throws {
        let temp = try TemporaryRepository(files: Self.files)
        try temp.git("config", "index.recordEndOfIndexEntries", "true")
        try temp.git("config", "index.recordOffsetTable", "true")
        try temp.git("config", "index.threads", "2")
        try temp.git("read-tree", "HEAD")
        let bytes = indexBytes(temp)
        for signature in ["EOIE", "IEOT"] {
            #expect(bytes.firstRange(of: Array(signature.utf8)) != nil, "git wrote no \(signature) extension")
        }
        let file = try #require(IndexFile(bytes))
        #expect(directEntries(file) == (try libgit2Entries(temp)))
        #expect(file.rootTreeID?.hex == (try GitRepository(discoveringFrom: temp.root).headTreeID()))
    }

    @Test func aSplitIndexIsLeftToLibgit2() throws {
        let temp = try TemporaryRepository(files: Self.files)
        try temp.git("update-index", "--split-index")
        #expect(IndexFile(indexBytes(temp)) == nil)
    }

    @Test func damagedIndexesAreRefusedNotMisread() throws {
        let temp = try TemporaryRepository(files: Self.files)
        let bytes = indexBytes(temp)
        #expect(IndexFile(bytes) != nil)
        // Cut anywhere: never a crash, never a partial list.
        for length in stride(from: 0, to: bytes.count - 20, by: 7) {
            #expect(IndexFile(Array(bytes[..<length])) == nil, "cut at \(length)")
        }
        var wrongSignature = bytes
        wrongSignature[0] = UInt8(ascii: "X")
        #expect(IndexFile(wrongSignature) == nil)
        var version9 = bytes
        version9[7] = 9
        #expect(IndexFile(version9) == nil)
        var hugeCount = bytes
        hugeCount.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(IndexFile(hugeCount) == nil)
    }

    @Test(arguments: ["../outside", "a/../b", "./a", "a//b", "/abs", "a/", ".git/config", "x/.GIT/hooks", "a/."])
    func pathsGitWouldRefuseAreLeftToLibgit2(path: String) {
        #expect(!IndexFile.isPlainPath(ArraySlice(path.utf8)))
    }

    @Test(arguments: ["a", "src/b.ts", ".github/workflows/ci.yml", "a/.gitignore", "..a/b...", "x/.gitx"])
    func plainPathsAreRead(path: String) {
        #expect(IndexFile.isPlainPath(ArraySlice(path.utf8)))
    }

    @Test func anIndexWithAPathGitWouldRefuseIsLeftToLibgit2() throws {
        let temp = try TemporaryRepository(files: ["ab/c.txt": "c\n"])
        var bytes = indexBytes(temp)
        // Rewrite the one path "ab/c.txt" as "../c.txt" (same length, checksum left stale).
        let at = try #require(bytes.firstRange(of: Array("ab/c.txt".utf8)))
        bytes.replaceSubrange(at, with: Array("../c.txt".utf8))
        #expect(IndexFile(bytes) == nil)
    }
}
