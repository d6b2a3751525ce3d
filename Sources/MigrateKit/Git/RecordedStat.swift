import CLibGit2
import Foundation

/// What the index recorded about a file in the work tree when it was last staged (its `stat`
/// data). A file whose `lstat` still gives exactly these values was not touched since, which
/// is how `git status` avoids reading every file; anything else makes the file a suspect whose
/// content libgit2 then compares.
struct RecordedStat: Sendable, Hashable {
    var ctimeSeconds: Int32
    var ctimeNanoseconds: UInt32
    var mtimeSeconds: Int32
    var mtimeNanoseconds: UInt32
    var device: UInt32
    var inode: UInt32
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    /// The size, truncated to 32 bits as the index stores it.
    var size: UInt32

    init(
        ctimeSeconds: Int32, ctimeNanoseconds: UInt32, mtimeSeconds: Int32, mtimeNanoseconds: UInt32, device: UInt32, inode: UInt32,
        mode: UInt32, uid: UInt32, gid: UInt32, size: UInt32
    ) {
        self.ctimeSeconds = ctimeSeconds
        self.ctimeNanoseconds = ctimeNanoseconds
        self.mtimeSeconds = mtimeSeconds
        self.mtimeNanoseconds = mtimeNanoseconds
        self.device = device
        self.inode = inode
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
    }

    init(_ entry: git_index_entry) {
        ctimeSeconds = entry.ctime.seconds
        ctimeNanoseconds = entry.ctime.nanoseconds
        mtimeSeconds = entry.mtime.seconds
        mtimeNanoseconds = entry.mtime.nanoseconds
        device = entry.dev
        inode = entry.ino
        mode = entry.mode
        uid = entry.uid
        gid = entry.gid
        size = entry.file_size
    }

    /// Whether `info` (an `lstat` of the file) is exactly what was recorded, and the record is
    /// not racy: a file changed in the same second the index was written can keep its recorded
    /// size and times, so such records never vouch for the file (`indexWritten`: the index
    /// file's modification time in seconds). Stricter than git on purpose (every field must
    /// match): a mismatch only costs a content comparison, a false match would hide a change.
    func matches(_ info: stat, indexWritten: Int64) -> Bool {
        guard Int64(mtimeSeconds) < indexWritten else { return false }
        let type = info.st_mode & S_IFMT
        let recordedType = mode & 0o170000
        switch recordedType {
        case 0o100000:
            guard type == S_IFREG, (info.st_mode & 0o100 != 0) == (mode & 0o100 != 0) else { return false }
        case 0o120000:
            guard type == S_IFLNK else { return false }
        default:
            return false
        }
        return UInt32(truncatingIfNeeded: info.st_size) == size
            && Int32(truncatingIfNeeded: info.st_mtim.tv_sec) == mtimeSeconds
            && UInt32(truncatingIfNeeded: info.st_mtim.tv_nsec) == mtimeNanoseconds
            && Int32(truncatingIfNeeded: info.st_ctim.tv_sec) == ctimeSeconds
            && UInt32(truncatingIfNeeded: info.st_ctim.tv_nsec) == ctimeNanoseconds
            && UInt32(truncatingIfNeeded: info.st_ino) == inode
            // git records `st_dev`; libgit2 records `st_rdev` (0 for files): either vouches.
            && (UInt32(truncatingIfNeeded: info.st_dev) == device || UInt32(truncatingIfNeeded: info.st_rdev) == device)
            && info.st_uid == uid && info.st_gid == gid
    }
}
