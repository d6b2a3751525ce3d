import Foundation
import ScriptLexer

/// The tracked files worth reading, read in parallel: manifests, lockfiles, Python requirements,
/// and source files that mention what a recipe looks for (a byte search, far cheaper than lexing).
public struct CandidateFiles {
    enum Kind { case manifest, lockfile, pythonRequirements, script, swift, python }

    struct Candidate {
        var path: String
        var role: FileClassifier.Role
        var kind: Kind
        var bytes: [UInt8]
        /// For a TS/JS file: its module and what the single-file recipes found in it, worked out
        /// by the reader that read it (on all cores, not one after the other).
        var script: Script?
    }

    /// A TS/JS candidate, parsed where it was read.
    enum Script {
        /// Parsed: the module, its CORS sites and (for a source file) its session findings.
        case parsed(Module, sites: [Site], findings: [Finding])
        /// Binary or marked as generated: not read further.
        case generated
        /// The lexer gave up (line, why).
        case unreadable(line: Int, message: String)

        init(path: String, role: FileClassifier.Role, bytes: [UInt8]) {
            guard !FileClassifier.isBinaryOrGenerated(bytes) else {
                self = .generated
                return
            }
            do {
                let module = Module(try ScriptFile(path: path, bytes: bytes))
                self = .parsed(module, sites: CORSHeaders.scan(module.context), findings: role == .source ? SessionBlockers.scan(module) : [])
            } catch {
                self = .unreadable(line: error.line, message: error.message)
            }
        }
    }

    /// Files larger than this that mention a needle are reported, never parsed (parsing cost
    /// must stay bounded whatever a repository holds).
    static let maximumParsedSize = 2 * 1024 * 1024
    /// Bytes read at most from any one file, for the needle search alone.
    static let maximumReadSize = 256 * 1024 * 1024
    /// The largest `package.json` read; a larger one is unreadable (never truncated).
    static let manifestCap = 4 * 1024 * 1024
    /// The largest lockfile read; a larger one is unreadable (never truncated).
    static let lockfileCap = 64 * 1024 * 1024

    /// The size cap of a dependency file of `kind` (`nil`: not one).
    static func cap(for kind: Kind?) -> Int? {
        switch kind {
        case .manifest: manifestCap
        case .lockfile: lockfileCap
        default: nil
        }
    }

    /// Why a dependency file of `size` bytes is not read, when it is over its cap.
    static func overCap(_ kind: Kind?, size: Int) -> String? {
        guard let cap = cap(for: kind), size > cap else { return nil }
        let what = kind == .manifest ? "package.json" : "lockfile"
        let consequence = kind == .manifest ? "its dependencies are not checked" : "the versions it pins are unknown"
        return "\(size) bytes, over the \(cap / (1024 * 1024)) MiB migrate reads for a \(what): not read, so \(consequence)"
    }

    /// A candidate that mentions a needle but cannot be read safely, and why.
    struct Unreadable {
        var path: String
        var reason: String
    }

    static let scriptNeedles = ["fastmcp", "mcp-proxy", "cors", "Access-Control", "access-control", "sessionIdGenerator"].map { Array($0.utf8) }
    /// A Swift file is read when it names our facade, our hosting API or swift-sdk's HTTP transports.
    static let swiftNeedles = [Array("FastMCP".utf8), Array("MCPProxy".utf8), Array("HTTPServerTransport".utf8)]
    static let pythonNeedles = [Array("mcp".utf8)]

    /// Whether `path` is a source file the recipes read (TS/JS, Swift, Python).
    public static func isSource(_ path: String) -> Bool {
        switch kind(of: path) {
        case .script?, .swift?, .python?: return true
        default: return false
        }
    }

    private static let scriptExtensions = ScriptFile.extensions.map { Array($0.utf8) }
    private static let lockfileNames = Lockfile.fileNames.map { Array($0.utf8) }
    private static let pythonLockNames = ["pyproject.toml", "uv.lock", "poetry.lock"].map { Array($0.utf8) }

    /// What kind of file `path` is for migrate, or nil when it is never read. It runs for every
    /// tracked file: the name and extension are compared as bytes, no strings made.
    static func kind(of path: String) -> Kind? {
        var path = path
        return path.withUTF8 { bytes in
            let nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
            let name = UnsafeBufferPointer(rebasing: bytes[nameStart...])
            let dot = name.lastIndex(of: UInt8(ascii: "."))
            let ext = dot.map { UnsafeBufferPointer(rebasing: name[($0 + 1)...]) } ?? UnsafeBufferPointer(rebasing: name[name.endIndex...])
            if name.elementsEqual("package.json".utf8) { return .manifest }
            if lockfileNames.contains(where: { name.elementsEqual($0) }) { return .lockfile }
            if scriptExtensions.contains(where: { ext.elementsEqual($0) }) { return .script }
            if ext.elementsEqual("swift".utf8) { return .swift }
            if ext.elementsEqual("py".utf8) { return .python }
            if name.starts(with: "requirements".utf8) && ext.elementsEqual("txt".utf8) || pythonLockNames.contains(where: { name.elementsEqual($0) }) {
                return .pythonRequirements
            }
            return nil
        }
    }

    /// What ``read(_:root:indexWritten:)`` found.
    struct Reading {
        var candidates: [Candidate] = []
        var unreadable: [Unreadable] = []
        /// Tracked files whose `lstat` does not match the index's record (changed, deleted, or
        /// racy): libgit2 compares their content to tell which are really changed.
        var suspects: [String] = []
    }

    /// Reads the candidates among `files` under `root`, on all cores; order follows `files`.
    /// Files that mention a needle but cannot be read safely (not a regular file, a link,
    /// too large, not UTF-8) come back as `unreadable`, never silently skipped. Every file's
    /// `lstat` is compared with the index's record on the way (`indexWritten`, see
    /// ``RecordedStat``), which is the work-tree half of `git status` at no extra cost for
    /// the files read anyway.
    static func read(_ files: [TrackedFile], root: String, indexWritten: Int64) -> Reading {
        let results = Results(count: files.count)
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (files.count + chunk - 1) / chunk) { c in
            var folder = OpenFolder(root: root)
            var buffer = ReadBuffer()
            for i in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                let (suspect, slot) = examine(files[i], root: root, indexWritten: indexWritten, folder: &folder, buffer: &buffer)
                if suspect { results.suspect(i) }
                if let slot { results.set(i, slot) }
            }
        }
        var reading = Reading()
        for (i, value) in results.values.enumerated() {
            switch value {
            case .candidate(let candidate)?: reading.candidates.append(candidate)
            case .unreadable(let entry)?: reading.unreadable.append(entry)
            case nil: break
            }
            if results.suspects[i] { reading.suspects.append(files[i].path) }
        }
        return reading
    }

    /// One tracked file: whether its `lstat` fails to vouch for it (a suspect), and what it is
    /// for the recipes (a candidate, unreadable, or nothing). A regular file in an open folder is
    /// read into the reused buffer and copied out only when it mentions a needle; anything else
    /// goes through ``readFile(_:followLinkWithin:lstat:)``'s full checks.
    private static func examine(
        _ file: TrackedFile, root: String, indexWritten: Int64, folder: inout OpenFolder, buffer: inout ReadBuffer
    ) -> (suspect: Bool, slot: Slot?) {
        let nameStart = folder.enter(file.path)
        var info = stat()
        var found = false
        var failure: Int32 = 0
        var bytes: UnsafeRawBufferPointer?
        let role = FileClassifier.role(of: file.path)
        let kind = role == .skipped ? nil : kind(of: file.path)
        file.path.withCString { path in
            let name = path + nameStart
            if folder.descriptor >= 0 {
                found = fstatat(folder.descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0
            } else {
                found = lstat(root + "/" + file.path, &info) == 0
            }
            failure = found ? 0 : errno
            guard found, kind != nil, folder.descriptor >= 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
            guard overCap(kind, size: Int(info.st_size)) == nil else { return }
            bytes = buffer.read(at: folder.descriptor, name, size: min(Int(info.st_size), maximumReadSize))
        }
        if found, (info.st_mode & S_IFMT) == S_IFREG, let reason = overCap(kind, size: Int(info.st_size)) {
            let suspect = !(file.recorded?.matches(info, indexWritten: indexWritten) ?? false)
            return (suspect, .unreadable(Unreadable(path: file.path, reason: reason)))
        }
        let suspect = !found || !(file.recorded?.matches(info, indexWritten: indexWritten) ?? false)
        guard let kind, found || failure != ENOENT else { return (suspect, nil) }
        let needles: [[UInt8]]? =
            switch kind {
            case .script: scriptNeedles
            case .swift: swiftNeedles
            case .python: pythonNeedles
            default: nil
            }
        let outcome: ReadOutcome
        if let bytes {
            if let needles, !Self.startsWithUTF16Mark(bytes), !FileClassifier.mentions(bytes, needles) { return (suspect, nil) }
            outcome = .bytes(Array(bytes), linkTarget: nil)
        } else {
            outcome = readFile(root + "/" + file.path, followLinkWithin: file.isSymbolicLink ? root : nil, lstat: found ? info : nil)
        }
        switch outcome {
        case .missing:
            return (suspect, nil)
        case .notRegular(let type):
            // A FIFO, a socket, a device, a folder or an unreadable file where git has a
            // file: never read (a FIFO would block). Reported for every kind: a manifest
            // or lockfile skipped in silence would change what the version checks see.
            return (suspect, .unreadable(Unreadable(path: file.path, reason: "\(type) in the work tree, where git has a file: not read")))
        case .outsideRepository(let target):
            guard needles != nil else { return (suspect, nil) }
            return (suspect, .unreadable(Unreadable(path: file.path, reason: "a symbolic link to \(target), outside the repository: not read or edited")))
        case .bytes(let bytes, let linkTarget):
            if let needles {
                let utf16 = Self.utf16(bytes)
                guard FileClassifier.mentions(utf16?.transcoded ?? bytes, needles) else { return (suspect, nil) }
                if let reason = Self.unreadableReason(linkTarget: linkTarget, bytes: bytes, utf16: utf16 != nil) {
                    return (suspect, .unreadable(Unreadable(path: file.path, reason: reason)))
                }
            }
            // A linked manifest or lockfile: its target's size is known only now.
            if let reason = overCap(kind, size: bytes.count) {
                return (suspect, .unreadable(Unreadable(path: file.path, reason: reason)))
            }
            // Manifests and lockfiles under their caps are parsed by linear parsers.
            let script = kind == .script ? Script(path: file.path, role: role, bytes: bytes) : nil
            return (suspect, .candidate(Candidate(path: file.path, role: role, kind: kind, bytes: bytes, script: script)))
        }
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

    /// Whether the bytes start with a UTF-16 byte-order mark.
    static func startsWithUTF16Mark(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
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
    /// symbolic link is followed only to a regular file inside `followLinkWithin`. `lstat`: the
    /// path's `lstat`, when the caller has just made it.
    static func readFile(_ path: String, followLinkWithin root: String? = nil, lstat known: stat? = nil) -> ReadOutcome {
        var info = stat()
        if let known {
            info = known
        } else {
            guard lstat(path, &info) == 0 else { return errno == ENOENT ? .missing : .notRegular(Self.cannotRead(errno)) }
        }
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
        var suspects: [Bool]
        init(count: Int) {
            values = Array(repeating: nil, count: count)
            suspects = Array(repeating: false, count: count)
        }
        func set(_ i: Int, _ value: Slot) {
            values.withUnsafeMutableBufferPointer { $0[i] = value }
        }
        func suspect(_ i: Int) {
            suspects.withUnsafeMutableBufferPointer { $0[i] = true }
        }
    }
}
