import Foundation

/// The tracked files worth reading, read in parallel: manifests, lockfiles, Python requirements,
/// and source files that mention what a recipe looks for (a byte search, far cheaper than lexing).
public struct CandidateFiles {
    enum Kind { case manifest, lockfile, pythonRequirements, script, swift, python }

    struct Candidate {
        var path: String
        var role: FileClassifier.Role
        var kind: Kind
        var bytes: [UInt8]
    }

    /// Files larger than this that mention a needle are reported, never parsed (parsing cost
    /// must stay bounded whatever a repository holds).
    static let maximumParsedSize = 2 * 1024 * 1024
    /// Bytes read at most from any one file, for the needle search alone.
    static let maximumReadSize = 256 * 1024 * 1024

    /// A candidate that mentions a needle but cannot be read safely, and why.
    struct Unreadable {
        var path: String
        var reason: String
    }

    static let scriptNeedles = ["fastmcp", "mcp-proxy", "cors", "Access-Control", "access-control", "sessionIdGenerator"].map { Array($0.utf8) }
    static let swiftNeedles = [Array("FastMCP".utf8)]
    static let pythonNeedles = [Array("mcp".utf8)]

    /// Whether `path` is a source file the recipes read (TS/JS, Swift, Python).
    public static func isSource(_ path: String) -> Bool {
        switch kind(of: path) {
        case .script?, .swift?, .python?: return true
        default: return false
        }
    }

    /// What kind of file `path` is for migrate, or nil when it is never read.
    static func kind(of path: String) -> Kind? {
        // Runs for every tracked file: find the name and extension on the UTF-8 bytes.
        let utf8 = path.utf8
        let slash = utf8.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let dot = name.utf8.lastIndex(of: UInt8(ascii: "."))
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
    /// Files that mention a needle but cannot be read safely (not a regular file, a link,
    /// too large, not UTF-8) come back as `unreadable`, never silently skipped.
    static func read(_ files: [TrackedFile], root: String) -> (candidates: [Candidate], unreadable: [Unreadable]) {
        let jobs: [(path: String, role: FileClassifier.Role, kind: Kind, link: Bool)] = files.compactMap { file in
            let role = FileClassifier.role(of: file.path)
            guard role != .skipped, let kind = kind(of: file.path), file.isRegularFile || file.isSymbolicLink else { return nil }
            return (file.path, role, kind, file.isSymbolicLink)
        }
        let results = Results(count: jobs.count)
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (jobs.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(jobs.count, (c + 1) * chunk) {
                let job = jobs[i]
                let needles: [[UInt8]]? =
                    switch job.kind {
                    case .script: scriptNeedles
                    case .swift: swiftNeedles
                    case .python: pythonNeedles
                    default: nil
                    }
                switch readFile(root + "/" + job.path, followLinkWithin: job.link ? root : nil) {
                case .missing:
                    continue
                case .notRegular(let type):
                    // A FIFO, a socket, a device, a folder or an unreadable file where git has a
                    // file: never read (a FIFO would block). Reported for every kind: a manifest
                    // or lockfile skipped in silence would change what the version checks see.
                    results.set(i, .unreadable(Unreadable(path: job.path, reason: "\(type) in the work tree, where git has a file: not read")))
                case .outsideRepository(let target):
                    if needles != nil {
                        results.set(i, .unreadable(Unreadable(path: job.path, reason: "a symbolic link to \(target), outside the repository: not read or edited")))
                    }
                case .bytes(let bytes, let linkTarget):
                    if let needles {
                        let utf16 = Self.utf16(bytes)
                        guard FileClassifier.mentions(utf16?.transcoded ?? bytes, needles) else { continue }
                        if let reason = Self.unreadableReason(linkTarget: linkTarget, bytes: bytes, utf16: utf16 != nil) {
                            results.set(i, .unreadable(Unreadable(path: job.path, reason: reason)))
                            continue
                        }
                    }
                    // Manifests and lockfiles are parsed by linear parsers whatever their size.
                    results.set(i, .candidate(Candidate(path: job.path, role: job.role, kind: job.kind, bytes: bytes)))
                }
            }
        }
        var candidates: [Candidate] = []
        var unreadable: [Unreadable] = []
        for value in results.values {
            switch value {
            case .candidate(let candidate)?: candidates.append(candidate)
            case .unreadable(let entry)?: unreadable.append(entry)
            case nil: break
            }
        }
        return (candidates, unreadable)
    }

    /// Why a matching source file is not parsed, or nil when it can be.
    static func unreadableReason(linkTarget: String?, bytes: [UInt8], utf16: Bool) -> String? {
        if let linkTarget { return "a symbolic link to \(linkTarget): migrate never reads or edits through links; check the target by hand" }
        if utf16 { return "saved as UTF-16, not UTF-8: not parsed or edited; convert it to UTF-8 or check it by hand" }
        if bytes.count > maximumParsedSize {
            return "\(bytes.count) bytes, too large to read safely (limit \(maximumParsedSize)): not parsed or edited; check it by hand"
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            return "not valid UTF-8: not parsed or edited; check it by hand"
        }
        return nil
    }

    /// The file's bytes when it starts with a UTF-16 byte-order mark, re-encoded as UTF-8.
    static func utf16(_ bytes: [UInt8]) -> (transcoded: [UInt8], bigEndian: Bool)? {
        guard bytes.count >= 2 else { return nil }
        let bigEndian: Bool
        if bytes[0] == 0xFF && bytes[1] == 0xFE { bigEndian = false } else if bytes[0] == 0xFE && bytes[1] == 0xFF { bigEndian = true } else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index]))
            index += 2
        }
        return (Array(String(decoding: units, as: UTF16.self).utf8), bigEndian)
    }

    /// "a file that cannot be read (Permission denied)".
    static func cannotRead(_ code: Int32) -> String {
        "a file that cannot be read (\(String(cString: strerror(code))))"
    }

    /// What reading one tracked path found.
    enum ReadOutcome {
        case bytes([UInt8], linkTarget: String?)
        case missing
        case notRegular(String)
        case outsideRepository(String)
    }

    /// The whole file without ever blocking: the type is checked with `lstat` before opening,
    /// and the open is non-blocking (a FIFO swapped in between cannot hang the reader). A
    /// symbolic link is followed only to a regular file inside `followLinkWithin`.
    static func readFile(_ path: String, followLinkWithin root: String? = nil) -> ReadOutcome {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT ? .missing : .notRegular(Self.cannotRead(errno)) }
        var linkTarget: String?
        var target = path
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let root, let resolved = realpath(path, nil) else { return .notRegular("a broken symbolic link") }
            defer { free(resolved) }
            let real = String(cString: resolved)
            let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            guard real.hasPrefix(realRoot + "/") else { return .outsideRepository(real) }
            linkTarget = String(real.dropFirst(realRoot.count + 1))
            target = real
            guard stat(real, &info) == 0 else { return .notRegular(Self.cannotRead(errno)) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO: return .notRegular("a FIFO (named pipe)")
        case S_IFSOCK: return .notRegular("a socket")
        case S_IFCHR, S_IFBLK: return .notRegular("a device")
        case S_IFDIR: return .notRegular("a folder")
        default: return .notRegular("not a regular file")
        }
        let fd = open(target, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (linkTarget == nil ? O_NOFOLLOW : 0))
        guard fd >= 0 else { return errno == ENOENT ? .missing : .notRegular(Self.cannotRead(errno)) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notRegular("not a regular file") }
        let size = min(Int(info.st_size), maximumReadSize)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        if offset < bytes.count { bytes.removeLast(bytes.count - offset) }
        return .bytes(bytes, linkTarget: linkTarget)
    }

    /// Slots written by one worker each (distinct indices), read after all workers finished.
    private enum Slot {
        case candidate(Candidate)
        case unreadable(Unreadable)
    }

    private final class Results: @unchecked Sendable {
        var values: [Slot?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Slot) {
            values.withUnsafeMutableBufferPointer { $0[i] = value }
        }
    }
}
