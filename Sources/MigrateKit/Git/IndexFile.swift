import Foundation

/// A reader for git's index file (`.git/index`, versions 2, 3 and 4), for the one job libgit2
/// does slowly: listing 50,000 entries with their recorded `stat` data. Every read is bounds
/// checked; anything this reader does not handle (a split or sparse index, an unknown version,
/// an entry that runs past the end) makes it give up, and the caller asks libgit2 instead. The
/// trailing checksum is not verified (a damaged index can only make files look changed).
struct IndexFile {
    /// One entry, with its path as a range of ``pathBytes``.
    struct Entry {
        var path: Range<Int>
        var mode: UInt32
        var objectID: ObjectID
        var recorded: RecordedStat
        /// Merge stage (0 unless a conflict is unresolved), intent-to-add, skip-worktree:
        /// states where the cache tree says nothing about what is staged.
        var special: Bool
    }

    /// Every entry's path, one after the other.
    private(set) var pathBytes: [UInt8] = []
    private(set) var entries: [Entry] = []
    /// The cache tree's root id when it is valid (it then names the tree the index would commit).
    private(set) var rootTreeID: ObjectID?

    /// Parses `bytes`; nil for anything unsupported or malformed.
    init?(_ bytes: [UInt8]) {
        let parsed: Bool = bytes.withUnsafeBytes { raw in
            var reader = Reader(raw)
            guard reader.take(4).elementsEqual("DIRC".utf8), let version = reader.u32(), (2...4).contains(version),
                let count = reader.u32()
            else { return false }
            // An entry takes at least 62 bytes: a count the file cannot hold is refused up front.
            guard Int(count) <= raw.count / 62 else { return false }
            entries.reserveCapacity(Int(count))
            pathBytes.reserveCapacity(Int(count) * 40)
            var previous: Range<Int> = 0..<0
            for _ in 0..<count {
                let start = reader.offset
                guard let ctime = reader.u32(), let ctimeNanoseconds = reader.u32(), let mtime = reader.u32(),
                    let mtimeNanoseconds = reader.u32(), let device = reader.u32(), let inode = reader.u32(),
                    let mode = reader.u32(), let uid = reader.u32(), let gid = reader.u32(), let size = reader.u32()
                else { return false }
                let objectID = reader.take(20)
                guard objectID.count == 20, let flags = reader.u16() else { return false }
                var extended: UInt16 = 0
                if flags & 0x4000 != 0 {
                    guard version >= 3, let more = reader.u16() else { return false }
                    extended = more
                }
                let pathStart = pathBytes.count
                if version == 4 {
                    // The previous path minus `strip` bytes, then this entry's suffix.
                    guard let strip = reader.varint(), strip <= previous.count else { return false }
                    // Byte by byte: appending a slice of the array to itself would copy it whole.
                    for i in previous.lowerBound..<(previous.upperBound - strip) { pathBytes.append(pathBytes[i]) }
                    guard let suffix = reader.cString() else { return false }
                    pathBytes.append(contentsOf: suffix)
                } else {
                    guard let name = reader.cString() else { return false }
                    pathBytes.append(contentsOf: name)
                    // Entries are padded with NULs to a multiple of 8 bytes.
                    let length = reader.offset - start
                    let padded = (length + 7) & ~7
                    guard reader.skip(padded - length) else { return false }
                }
                previous = pathStart..<pathBytes.count
                // Sparse folders are not handled; a path git would refuse is left to libgit2.
                guard mode & 0o170000 != 0o040000, Self.isPlainPath(pathBytes[previous]) else { return false }
                var recorded = RecordedStat(
                    ctimeSeconds: Int32(bitPattern: ctime), ctimeNanoseconds: ctimeNanoseconds, mtimeSeconds: Int32(bitPattern: mtime),
                    mtimeNanoseconds: mtimeNanoseconds, device: device, inode: inode, mode: mode, uid: uid, gid: gid, size: size)
                // Assume-valid entries are taken as unchanged by git: libgit2 decides those.
                if flags & 0x8000 != 0 { recorded.mode = 0 }
                let stage = (flags >> 12) & 0x3
                let special = stage != 0 || extended & 0x6000 != 0
                entries.append(Entry(path: previous, mode: mode, objectID: ObjectID(objectID), recorded: recorded, special: special))
            }
            // Extensions, then the 20-byte checksum.
            while reader.remaining > 20 {
                let signature = Array(reader.take(4))
                guard signature.count == 4, let size = reader.u32(), Int(size) <= reader.remaining - 20 else { return false }
                let body = reader.take(Int(size))
                switch String(decoding: signature, as: UTF8.self) {
                case "TREE": rootTreeID = Self.validRoot(body)
                case "link", "sdir": return false
                default:
                    // An unknown required extension (first letter not A–Z) is one git would refuse.
                    guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(signature[0]) else { return false }
                }
            }
            return reader.remaining == 20
        }
        guard parsed else { return nil }
    }

    /// A relative path of plain names: not empty, no leading, trailing or doubled `/`, no `.`,
    /// `..` or `.git` (in any case) among its names, no NUL.
    static func isPlainPath(_ path: ArraySlice<UInt8>) -> Bool {
        var start = path.startIndex
        for i in path.startIndex...path.endIndex where i == path.endIndex || path[i] == UInt8(ascii: "/") {
            let name = path[start..<i]
            switch name.count {
            case 0: return false
            case 1: if name.first == UInt8(ascii: ".") { return false }
            case 2: if name.elementsEqual("..".utf8) { return false }
            case 4: if name.lazy.map({ $0 | 0x20 }).elementsEqual(".git".utf8) { return false }
            default: break
            }
            start = i + 1
        }
        return !path.contains(0)
    }

    /// The root of a `TREE` extension when valid: "" NUL, entry count, space, subtree count,
    /// newline, then the id (absent when the count is -1, an invalidated tree).
    private static func validRoot(_ body: UnsafeRawBufferPointer.SubSequence) -> ObjectID? {
        guard let nul = body.firstIndex(of: 0), nul == body.startIndex, let newline = body[nul...].firstIndex(of: UInt8(ascii: "\n"))
        else { return nil }
        let header = String(decoding: body[(nul + 1)..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 2, let count = Int(header[0]), count >= 0, newline + 21 <= body.endIndex else { return nil }
        return ObjectID(body[(newline + 1)..<(newline + 21)])
    }

    /// A bounds-checked cursor over the file's bytes (big-endian numbers).
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> UnsafeRawBufferPointer.SubSequence {
            let end = min(bytes.count, offset + count)
            defer { offset = end }
            return bytes[offset..<end]
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count <= remaining else { return false }
            offset += count
            return true
        }

        mutating func u32() -> UInt32? {
            guard remaining >= 4 else { return nil }
            defer { offset += 4 }
            return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
        }

        mutating func u16() -> UInt16? {
            guard remaining >= 2 else { return nil }
            defer { offset += 2 }
            return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }

        /// Bytes up to a NUL, the NUL consumed.
        mutating func cString() -> UnsafeRawBufferPointer.SubSequence? {
            guard let nul = bytes[offset...].firstIndex(of: 0) else { return nil }
            defer { offset = nul + 1 }
            return bytes[offset..<nul]
        }

        /// git's offset varint (index v4 path compression).
        mutating func varint() -> Int? {
            guard remaining > 0 else { return nil }
            var byte = bytes[offset]
            offset += 1
            var value = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard remaining > 0, value < Int.max >> 8 else { return nil }
                byte = bytes[offset]
                offset += 1
                value = ((value + 1) << 7) | Int(byte & 0x7F)
            }
            return value
        }
    }
}
