import Foundation

/// One open folder of the work tree, kept while a reader goes through files that sit in it
/// (the index lists a folder's files together), so that each file is looked up by its name
/// alone (`fstatat`/`openat`) instead of the kernel walking its whole path twice.
struct OpenFolder: ~Copyable {
    private let root: String
    private var folder: [UInt8] = []
    /// The open folder, or -1 when it could not be opened (then full paths are used).
    private(set) var descriptor: Int32 = -1
    private var opened = false

    init(root: String) {
        self.root = root
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Makes the folder of `path` (repository-relative) the open one; returns the length of the
    /// folder part with its slash (where the file's name starts in `path`'s UTF-8).
    mutating func enter(_ path: String) -> Int {
        var path = path
        return path.withUTF8 { bytes in
            let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
            let folderPart = UnsafeBufferPointer(rebasing: bytes[..<(slash ?? 0)])
            if opened && folderPart.elementsEqual(folder) { return slash.map { $0 + 1 } ?? 0 }
            if descriptor >= 0 { close(descriptor) }
            folder = Array(folderPart)
            opened = true
            let full = folder.isEmpty ? root : root + "/" + String(decoding: folder, as: UTF8.self)
            // Symbolic links inside the path are followed, as a full-path `lstat` would.
            descriptor = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            return slash.map { $0 + 1 } ?? 0
        }
    }
}
