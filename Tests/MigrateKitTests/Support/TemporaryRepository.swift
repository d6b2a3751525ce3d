import Foundation
import MigrateKit
import Testing

/// A real git repository in a temporary folder, made with libgit2 and removed on deinit.
final class TemporaryRepository {
    let root: String
    let repository: GitRepository

    /// Creates a repository holding `files` (path → contents) committed as the first commit.
    init(files: [String: String], modes: [String: Int] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)").path
        repository = try GitRepository.create(at: root)
        for (path, text) in files { try write(path, Array(text.utf8), mode: modes[path]) }
        try repository.commit(paths: files.keys.sorted(), message: "initial", identity: .init(name: "Test", email: "test@example.com"))
    }

    /// Creates a repository from a folder of plain files (an embedded sample).
    convenience init(copying folder: String) throws {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            files[relative] = String(decoding: FileManager.default.contents(atPath: folder + "/" + relative) ?? Data(), as: UTF8.self)
        }
        try self.init(files: files)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ path: String, _ bytes: [UInt8], mode: Int? = nil) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        if let mode { chmod(url.path, mode_t(mode)) }
    }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    /// Runs the git CLI in the repository (for index states libgit2 cannot make: index versions,
    /// split indexes, the cache tree); a non-zero exit is a test failure.
    func git(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", root] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))", sourceLocation: sourceLocation)
    }

    func read(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: root + "/" + path) ?? Data())
    }

    func text(_ path: String) -> String { String(decoding: read(path), as: UTF8.self) }

    /// Every file's bytes (the `.git` folder excluded), to prove nothing changed. Entries that
    /// are not regular files (FIFOs, links) are recorded by type and owner, never opened.
    func snapshot() -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") { continue }
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0 else { continue }
            let owner = Array("uid=\(info.st_uid) gid=\(info.st_gid) mode=\(info.st_mode)".utf8)
            switch info.st_mode & S_IFMT {
            case S_IFREG: out[relative] = read(relative) + owner
            case S_IFDIR: continue
            default: out[relative] = owner
            }
        }
        return out
    }

    func inspect(bump: Bool = false) throws -> Inspection {
        try Inspector().inspect(repository, options: .init(bump: bump))
    }
}

/// The package folder (tests read the embedded samples and patches from it).
enum PackageRoot {
    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
                FileManager.default.fileExists(atPath: url.appendingPathComponent("Examples/downstream").path)
            {
                return url.path
            }
        }
        fatalError("package root not found above \(#filePath)")
    }()
}
