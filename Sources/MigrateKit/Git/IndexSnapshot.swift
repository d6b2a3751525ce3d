/// The index as read at one moment: what ``GitRepository/indexSnapshot()`` returns.
public struct IndexSnapshot: Sendable {
    /// The tracked files (submodules left out), in index order.
    public var files: [TrackedFile]
    /// Every path the index holds, submodules included, as bytes in index order (sorted by
    /// bytes, a path repeated once per stage while a merge conflict is unresolved).
    var paths: PathTable
    /// The index file's modification time in seconds, 0 without an index file: a record made in
    /// or after this second may be racy (see ``RecordedStat``).
    var writtenAt: Int64
    /// The id of the tree the index would commit, as 40 hex digits, when its cache tree is
    /// valid; nil when unknown.
    var rootTreeID: String?
    /// Whether an entry is in a state the cache tree does not speak for (a conflict, an
    /// intent-to-add or skip-worktree entry), or unknown.
    var hasSpecialEntries: Bool

    init(files: [TrackedFile], paths: PathTable, writtenAt: Int64, rootTreeID: String?, hasSpecialEntries: Bool) {
        self.files = files
        self.paths = paths
        self.writtenAt = writtenAt
        self.rootTreeID = rootTreeID
        self.hasSpecialEntries = hasSpecialEntries
    }

    init(_ file: IndexFile, writtenAt: Int64) {
        var files: [TrackedFile] = []
        files.reserveCapacity(file.entries.count)
        var special = false
        file.pathBytes.withUnsafeBufferPointer { all in
            for entry in file.entries {
                special = special || entry.special
                if entry.mode == 0o160000 { continue }
                let bytes = UnsafeBufferPointer(rebasing: all[entry.path])
                files.append(TrackedFile(path: String(decoding: bytes, as: UTF8.self), mode: entry.mode, objectID: entry.objectID, recorded: entry.recorded))
            }
        }
        let paths = PathTable(bytes: file.pathBytes, ranges: file.entries.map(\.path))
        self.init(files: files, paths: paths, writtenAt: writtenAt, rootTreeID: file.rootTreeID?.hex, hasSpecialEntries: special)
    }
}

/// Lowercase hex digits of bytes (object ids).
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<C: Collection<UInt8>>(_ bytes: C) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (i, byte) in bytes.enumerated() {
                buffer[2 * i] = digits[Int(byte >> 4)]
                buffer[2 * i + 1] = digits[Int(byte & 0xF)]
            }
            return bytes.count * 2
        }
    }
}
