import CLibGit2
import Foundation

/// A non-bare git repository opened with libgit2. libgit2 objects are not thread-safe: use one
/// `GitRepository` from one task at a time.
public final class GitRepository {
    let handle: OpaquePointer
    /// The work tree's absolute path, without a trailing `/`.
    public let root: String

    /// The owner uid of the nearest enclosing repository (a folder with `.git`) when it is not
    /// this user: libgit2 then answers "not found", which would mislead.
    static func foreignOwner(above path: String) -> uid_t? {
        var folder = path
        while true {
            var info = stat()
            if lstat(folder + "/.git", &info) == 0 {
                var owner = stat()
                guard stat(folder, &owner) == 0 else { return nil }
                return owner.st_uid != geteuid() ? owner.st_uid : nil
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    /// Opens the repository that contains `path` (searching upward, as git does). Bare repositories
    /// are refused. libgit2 1.5.1 refuses repositories owned by another user; `allowOtherOwner`
    /// lifts that check for this process (only for repositories you trust).
    public init(discoveringFrom path: String, allowOtherOwner: Bool = false) throws(GitError) {
        LibGit2.ensureInitialized()
        LibGit2.setOwnerValidation(!allowOtherOwner)
        var handle: OpaquePointer?
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw GitError("\(path): no such file or folder")
        }
        try ControlFiles.checkBeforeOpening(absolute)
        let result = git_repository_open_ext(&handle, absolute, 0, nil)
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EOWNER.rawValue, let owner = Self.foreignOwner(above: absolute), !allowOtherOwner {
            throw GitError(
                "\(absolute) is in a repository owned by another user (uid \(owner)); pass --allow-other-owner if you trust it",
                code: GIT_EOWNER.rawValue)
        }
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError("\(path) is not inside a git repository (searched upward from \(absolute))", code: result)
        }
        if result == GIT_EOWNER.rawValue {
            throw GitError(
                "\(absolute) is in a repository owned by another user, which libgit2 refuses (its message about "
                    + "safe.directory is misleading: git's safe.directory setting is not consulted here). Run migrate "
                    + "as the repository's owner, or pass --allow-other-owner if you trust this repository.",
                code: result)
        }
        try check("cannot open the repository at \(absolute)", result)
        guard let handle else { throw GitError("cannot open the repository at \(absolute)") }
        if git_repository_is_bare(handle) == 1 {
            git_repository_free(handle)
            throw GitError("\(absolute) is a bare repository; migrate reads and edits a work tree, so run it in a clone")
        }
        guard let workdir = git_repository_workdir(handle) else {
            git_repository_free(handle)
            throw GitError("\(absolute) has no work tree")
        }
        var rootPath = String(cString: workdir)
        while rootPath.count > 1, rootPath.hasSuffix("/") { rootPath.removeLast() }
        self.handle = handle
        self.root = rootPath
    }

    /// Creates a new repository with a work tree at `path` (used by tests and the demo).
    public static func create(at path: String, initialBranch: String = "main") throws(GitError) -> GitRepository {
        LibGit2.ensureInitialized()
        var options = git_repository_init_options()
        try check("init options", git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)))
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var handle: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, path, &options)
        }
        try check("cannot create a repository at \(path)", result)
        git_repository_free(handle)
        return try GitRepository(discoveringFrom: path)
    }

    deinit {
        git_repository_free(handle)
    }

    /// The commit HEAD points at, as 40 hex digits; nil in a repository without commits.
    public func headCommitID() throws(GitError) -> String? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, handle, "HEAD")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check("cannot read HEAD", result)
        return LibGit2.hex(oid)
    }

    /// The branch HEAD is on (`main`), or nil when HEAD is detached.
    public func currentBranch() throws(GitError) -> String? {
        var reference: OpaquePointer?
        let result = git_repository_head(&reference, handle)
        if result == GIT_EUNBORNBRANCH.rawValue || result == GIT_ENOTFOUND.rawValue { return nil }
        try check("cannot read HEAD", result)
        defer { git_reference_free(reference) }
        guard git_reference_is_branch(reference) == 1, let name = git_reference_shorthand(reference) else { return nil }
        return String(cString: name)
    }

    /// Every file in the index (the tracked files), without submodules.
    public func trackedFiles() throws(GitError) -> [TrackedFile] {
        try indexSnapshot().files
    }

    /// The index, read once: the tracked files with what it recorded of each, every path it
    /// holds (submodules included) and when it was written. The index file is read directly
    /// (``IndexFile``, several times faster than libgit2 on a large index); libgit2 reads it when
    /// that reader gives up.
    public func indexSnapshot() throws(GitError) -> IndexSnapshot {
        let path = String(cString: git_repository_path(handle)) + "index"
        if let (bytes, written) = Self.readIndexFile(path), let file = IndexFile(bytes) {
            return IndexSnapshot(file, writtenAt: written)
        }
        return try libgit2Snapshot()
    }

    /// The index as libgit2 reads it (no cache tree: staged changes are always compared).
    func libgit2Snapshot() throws(GitError) -> IndexSnapshot {
        var index: OpaquePointer?
        try check("cannot read the index", git_repository_index(&index, handle))
        defer { git_index_free(index) }
        let count = git_index_entrycount(index)
        var files: [TrackedFile] = []
        var paths = PathTable()
        files.reserveCapacity(count)
        paths.reserve(paths: count, bytes: count * 40)
        for i in 0..<count {
            guard let entry = git_index_get_byindex(index, i)?.pointee, let path = entry.path else { continue }
            let bytes = UnsafeRawBufferPointer(start: path, count: strlen(path))
            paths.append(bytes)
            if entry.mode == 0o160000 { continue }
            files.append(TrackedFile(path: String(decoding: bytes, as: UTF8.self), mode: entry.mode, objectID: ObjectID(entry.id), recorded: RecordedStat(entry)))
        }
        var written: Int64 = 0
        var info = stat()
        if let file = git_index_path(index), stat(file, &info) == 0 { written = Int64(info.st_mtim.tv_sec) }
        return IndexSnapshot(files: files, paths: paths, writtenAt: written, rootTreeID: nil, hasSpecialEntries: true)
    }

    /// The index file's bytes and modification time (seconds), nil when it cannot be read.
    private static func readIndexFile(_ path: String) -> (bytes: [UInt8], written: Int64)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 1 << 31 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            offset += n
        }
        return (bytes, Int64(info.st_mtim.tv_sec))
    }

    /// Paths (relative, `/`-separated) whose work-tree state differs from HEAD: modified, staged,
    /// deleted, renamed or untracked (ignored files are not listed).
    public func dirtyPaths() throws(GitError) -> [String] {
        let flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        return Array(Set(try statusPaths(show: GIT_STATUS_SHOW_INDEX_AND_WORKDIR, flags: flags, pathspec: []))).sorted()
    }

    /// The absolute path of a repository-relative path.
    public func absolutePath(_ relative: String) -> String {
        root + "/" + relative
    }
}

/// A file in the index.
public struct TrackedFile: Sendable, Hashable {
    /// Relative to the repository root, `/`-separated.
    public var path: String
    /// The git file mode (`0o100644`, `0o100755`, `0o120000` for a symbolic link).
    public var mode: UInt32
    /// The staged blob's id, as 40 hex digits.
    public var blobID: String { objectID.hex }
    var objectID: ObjectID
    /// What the index recorded of the file in the work tree.
    var recorded: RecordedStat?

    /// A regular file (not a symbolic link).
    public var isRegularFile: Bool { mode == 0o100644 || mode == 0o100755 }
    /// A symbolic link.
    public var isSymbolicLink: Bool { mode == 0o120000 }
}

extension GitRepository {
    /// The bytes of `path` as committed at HEAD; nil when HEAD has no such file.
    public func headBlob(_ path: String) throws(GitError) -> [UInt8]? {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, handle, "HEAD:\(path)")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check("cannot read HEAD:\(path)", result)
        defer { git_object_free(object) }
        guard git_object_type(object) == GIT_OBJECT_BLOB, let raw = git_blob_rawcontent(object) else { return nil }
        let size = Int(git_blob_rawsize(object))
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// The id of HEAD's tree, as 40 hex digits; nil before the first commit.
    public func headTreeID() throws(GitError) -> String? {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, handle, "HEAD^{tree}")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check("cannot read HEAD's tree", result)
        defer { git_object_free(object) }
        return LibGit2.hex(git_object_id(object).pointee)
    }
}
