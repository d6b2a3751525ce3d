import Foundation

/// Writes edited files all-or-nothing: every new file is first written next to its original
/// (same folder, same mode), then each is renamed over its original; if anything fails, the
/// originals are put back and the temporary files removed.
public struct EditWriter {
    /// The file operations, replaceable in tests to inject failures.
    public struct FileSystem: Sendable {
        /// Creates a new file with `bytes` and `mode` (never overwriting one).
        public var write: @Sendable (_ path: String, _ bytes: [UInt8], _ mode: mode_t) throws -> Void
        /// Renames a file over another, atomically.
        public var rename: @Sendable (_ from: String, _ to: String) throws -> Void

        /// File operations from `write` and `rename`.
        public init(write: @escaping @Sendable (String, [UInt8], mode_t) throws -> Void,
                    rename: @escaping @Sendable (String, String) throws -> Void) {
            self.write = write
            self.rename = rename
        }

        /// The real file system.
        public static let posix = FileSystem(
            write: { path, bytes, mode in
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
                guard fd >= 0 else { throw MigrateError("cannot create \(path): \(String(cString: strerror(errno)))") }
                defer { close(fd) }
                var offset = 0
                while offset < bytes.count {
                    let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    guard n > 0 else { throw MigrateError("cannot write \(path): \(String(cString: strerror(errno)))") }
                    offset += n
                }
                guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw MigrateError("cannot write \(path): \(String(cString: strerror(errno)))") }
            },
            rename: { from, to in
                guard Glibc.rename(from, to) == 0 else { throw MigrateError("cannot replace \(to): \(String(cString: strerror(errno)))") }
            })
    }

    /// The file operations used.
    public var fileSystem: FileSystem

    /// A writer using `fileSystem` (the real one by default).
    public init(fileSystem: FileSystem = .posix) {
        self.fileSystem = fileSystem
    }

    /// Replaces each file under `root` whose bytes are still `old` with `new`. Throws, leaving every
    /// file as it was, when a file changed since it was read or a write fails.
    public func write(_ files: [(path: String, old: [UInt8], new: [UInt8])], root: String) throws {
        var temporaries: [(temp: String, target: String, old: [UInt8], mode: mode_t)] = []
        defer { for t in temporaries { unlink(t.temp) } }
        for file in files where file.old != file.new {
            let target = root + "/" + file.path
            var info = stat()
            guard lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                throw MigrateError("\(file.path) is no longer a regular file; nothing was written")
            }
            guard let current = FileManager.default.contents(atPath: target), [UInt8](current) == file.old else {
                throw MigrateError("\(file.path) changed since it was read; nothing was written")
            }
            let folder = (target as NSString).deletingLastPathComponent
            let name = (target as NSString).lastPathComponent
            let temp = folder + "/.\(name).migrate-\(getpid())"
            let mode = info.st_mode & 0o7777
            temporaries.append((temp, target, file.old, mode))
            try fileSystem.write(temp, file.new, mode)
            // A file keeps its owner and group (migrate run as root on another user's repository).
            if info.st_uid != geteuid() {
                guard chown(temp, info.st_uid, info.st_gid) == 0 else {
                    throw MigrateError("cannot keep the owner of \(file.path) (uid \(info.st_uid)): \(String(cString: strerror(errno))); nothing was written")
                }
            } else if info.st_gid != getegid() {
                _ = chown(temp, info.st_uid, info.st_gid)  // keep the group when this user may; else the folder's rules apply
            }
        }
        var replaced: [(target: String, old: [UInt8], mode: mode_t)] = []
        do {
            for t in temporaries {
                try fileSystem.rename(t.temp, t.target)
                replaced.append((t.target, t.old, t.mode))
            }
        } catch {
            for r in replaced.reversed() {
                let restore = r.target + ".migrate-restore"
                try? EditWriter.FileSystem.posix.write(restore, r.old, r.mode)
                _ = Glibc.rename(restore, r.target)
            }
            throw error
        }
    }
}
