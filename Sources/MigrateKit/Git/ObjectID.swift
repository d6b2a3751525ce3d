import CLibGit2

/// A SHA-1 object id held inline (no allocation per tracked file); printed as hex on demand.
struct ObjectID: Sendable, Hashable {
    private var bytes: (UInt64, UInt64, UInt32)

    /// From 20 bytes in order (fewer are padded with zeros).
    init<C: Collection<UInt8>>(_ raw: C) {
        var words: (UInt64, UInt64, UInt32) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { buffer in
            for (i, byte) in raw.prefix(20).enumerated() { buffer[i] = byte }
        }
        bytes = words
    }

    init(_ oid: git_oid) {
        var copy = oid
        self.init(withUnsafeBytes(of: &copy.id) { Array($0) })
    }

    /// 40 lowercase hex digits.
    var hex: String {
        var copy = bytes
        return withUnsafeBytes(of: &copy) { Hex.string($0.prefix(20)) }
    }

    static func == (a: ObjectID, b: ObjectID) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.0)
        hasher.combine(bytes.1)
        hasher.combine(bytes.2)
    }
}
