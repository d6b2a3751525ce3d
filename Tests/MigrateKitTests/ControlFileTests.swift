import Foundation
@testable import MigrateKit
import Testing

/// A `.gitignore`, `.gitattributes`, `.git/config` or `.git/info/exclude` that is not a file
/// (a FIFO, a link to a device) hung libgit2 inside `git_status_list_new`: migrate now checks
/// each with `lstat` before libgit2 reads it, and stops with exit 2 naming it.
@Suite struct ControlFileTests {
    func inspect(_ temp: TemporaryRepository) throws -> MigrateCLI.Output {
        try MigrateCLI.run(["inspect", temp.root], limit: .seconds(60))
    }

    func repository() throws -> TemporaryRepository {
        try TemporaryRepository(files: ["package.json": MinimalServer.manifest, "src/server.ts": MinimalServer.source, "sub/keep.txt": "x\n"])
    }

    @Test(arguments: [".gitignore", ".git/info/exclude", ".git/config", ".gitattributes", "sub/.gitignore", "fresh/.gitattributes"])
    func aFIFOWhereGitReadsAFileStopsTheRun(path: String) throws {
        let temp = try repository()
        let full = temp.root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: full)
        #expect(mkfifo(full, 0o644) == 0)
        let output = try inspect(temp)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("\(path) is a FIFO (named pipe), not a file: git reads it to its end"), "\(output.stderr)")
    }

    @Test func aTrackedGitignoreLinkedToADeviceStopsTheRun() throws {
        let temp = try repository()
        #expect(symlink("/dev/zero", temp.root + "/sub/.gitignore") == 0)
        try temp.repository.commit(paths: ["sub/.gitignore"], message: "link", identity: .init(name: "T", email: "t@example.com"))
        let output = try inspect(temp)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("sub/.gitignore is a device, not a file"), "\(output.stderr)")
    }

    @Test func ordinaryControlFilesAndLinksToFilesAreRead() throws {
        let temp = try repository()
        try temp.write(".gitignore", "node_modules/\n")
        try temp.write("sub/.gitattributes", "* text=auto\n")
        #expect(symlink("../.gitignore", temp.root + "/sub/.gitignore") == 0)
        let output = try inspect(temp)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(ControlFiles.problem(at: temp.root + "/.gitignore") == nil)
        #expect(ControlFiles.problem(at: temp.root + "/missing") == nil)
        #expect(ControlFiles.problem(at: temp.root + "/sub") == "a folder")
    }
}
