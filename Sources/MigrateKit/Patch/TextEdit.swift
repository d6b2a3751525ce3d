/// Replace bytes `start..<end` of a file with `replacement` (an insertion when they are equal).
public struct TextEdit: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var replacement: String

    public init(start: Int, end: Int, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
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
