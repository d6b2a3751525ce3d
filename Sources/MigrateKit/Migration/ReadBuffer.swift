import Foundation

/// A read buffer one reader reuses from file to file: most files are searched and dropped, so
/// they need no array of their own (no allocation, no zeroing, no fresh pages per file).
struct ReadBuffer: ~Copyable {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit {
        storage.deallocate()
    }

    /// Reads up to `size` bytes of the file `name` in the open folder `folder`, without following
    /// a link and without blocking; nil when it cannot be opened. The bytes stay valid until the
    /// next read.
    mutating func read(at folder: Int32, _ name: UnsafePointer<CChar>, size: Int) -> UnsafeRawBufferPointer? {
        let descriptor = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if storage.count < size {
            storage.deallocate()
            storage = .allocate(byteCount: max(size, 64 * 1024), alignment: 16)
        }
        var offset = 0
        while offset < size {
            let n = Glibc.read(descriptor, storage.baseAddress! + offset, size - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        return UnsafeRawBufferPointer(rebasing: storage[0..<offset])
    }
}
