import Foundation

/// The tracked files worth reading, read in parallel: manifests, lockfiles, Python requirements,
/// and source files that mention what a recipe looks for (a byte search, far cheaper than lexing).
struct CandidateFiles {
    enum Kind { case manifest, lockfile, pythonRequirements, script, swift, python }

    struct Candidate {
        var path: String
        var role: FileClassifier.Role
        var kind: Kind
        var bytes: [UInt8]
    }

    static let scriptNeedles = ["fastmcp", "mcp-proxy", "cors", "Access-Control", "access-control", "sessionIdGenerator"].map { Array($0.utf8) }
    static let swiftNeedles = [Array("FastMCP".utf8)]
    static let pythonNeedles = [Array("mcp".utf8)]

    /// What kind of file `path` is for migrate, or nil when it is never read.
    static func kind(of path: String) -> Kind? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let dot = name.lastIndex(of: ".")
        let ext = dot.map { String(name[name.index(after: $0)...]) } ?? ""
        if name == "package.json" { return .manifest }
        if Lockfile.fileNames.contains(name) { return .lockfile }
        if ScriptFile.extensions.contains(ext) { return .script }
        if ext == "swift" { return .swift }
        if ext == "py" { return .python }
        if name.hasPrefix("requirements") && ext == "txt" || ["pyproject.toml", "uv.lock", "poetry.lock"].contains(name) {
            return .pythonRequirements
        }
        return nil
    }

    /// Reads the candidates among `files` under `root`, on all cores; order follows `files`.
    static func read(_ files: [TrackedFile], root: String) -> [Candidate] {
        let jobs: [(path: String, role: FileClassifier.Role, kind: Kind)] = files.compactMap { file in
            let role = FileClassifier.role(of: file.path)
            guard role != .skipped, let kind = kind(of: file.path) else { return nil }
            return (file.path, role, kind)
        }
        let results = Results(count: jobs.count)
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (jobs.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(jobs.count, (c + 1) * chunk) {
                let job = jobs[i]
                guard let bytes = readFile(root + "/" + job.path) else { continue }
                switch job.kind {
                case .script where !FileClassifier.mentions(bytes, scriptNeedles): continue
                case .swift where !FileClassifier.mentions(bytes, swiftNeedles): continue
                case .python where !FileClassifier.mentions(bytes, pythonNeedles): continue
                default: break
                }
                results.set(i, Candidate(path: job.path, role: job.role, kind: job.kind, bytes: bytes))
            }
        }
        return results.values.compactMap { $0 }
    }

    /// The whole file, or nil when it cannot be read (deleted in the work tree, a folder…).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { break }
            offset += n
        }
        if offset < bytes.count { bytes.removeLast(bytes.count - offset) }
        return bytes
    }

    /// Slots written by one worker each (distinct indices), read after all workers finished.
    private final class Results: @unchecked Sendable {
        var values: [Candidate?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Candidate) {
            values.withUnsafeMutableBufferPointer { $0[i] = value }
        }
    }
}
