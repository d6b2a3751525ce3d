/// Replace bytes `start..<end` of a file with `replacement` (an insertion when they are equal).
public struct TextEdit: Sendable, Hashable, Codable {
    /// First byte replaced.
    public var start: Int
    /// One past the last byte replaced.
    public var end: Int
    /// The new text.
    public var replacement: String
    /// The file edited, relative to the repository root, when it is not the site's own file (the
    /// options of a start call may be declared in another module).
    public var file: String?

    /// Replaces `start..<end` of the site's file (or of `file`) with `replacement`.
    public init(start: Int, end: Int, replacement: String, file: String? = nil) {
        self.start = start
        self.end = end
        self.replacement = replacement
        self.file = file
    }

    /// `bytes` with `edits` applied; nil when two edits overlap.
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8]? {
        let sorted = edits.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var cursor = 0
        for edit in sorted {
            guard edit.start >= cursor, edit.end >= edit.start, edit.end <= bytes.count else { return nil }
            out += bytes[cursor..<edit.start]
            out += Array(edit.replacement.utf8)
            cursor = edit.end
        }
        out += bytes[cursor...]
        return out
    }
}
