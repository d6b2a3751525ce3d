/// Finds which request a dropped (too long) reply line answered, from its first and last
/// bytes: the top-level `"id"` is either among the first members (`{"jsonrpc":"2.0","id":7,…`,
/// Python SDKs) or the last one (`…,"id":7}`, the TypeScript SDK).
enum OversizedReply {
    /// The integer id of the top-level object, when either end shows it.
    static func responseID(head: [UInt8], tail: [UInt8]) -> Int? {
        leadingID(head) ?? trailingID(tail)
    }

    /// Walks the first members of the object at depth 1 until `"id"` or the end of `head`.
    static func leadingID(_ bytes: [UInt8]) -> Int? {
        var index = 0
        func skipSpace() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }
        func string() -> [UInt8]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.count else { return nil }
                    value.append(bytes[index])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    return value
                } else {
                    value.append(byte)
                }
            }
            return nil
        }
        /// Skips one value of any kind; false when `head` ends inside it.
        func skipValue() -> Bool {
            skipSpace()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "\"") { return string() != nil }
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
                var depth = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        guard string() != nil else { return false }
                        continue
                    }
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
                    index += 1
                    if depth == 0 { return true }
                }
                return false
            }
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}")].contains(bytes[index]) { index += 1 }
            return index < bytes.count
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace()
            if key == Array("id".utf8) { return integer(bytes[index...]) }
            guard skipValue() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    /// `"id"` as the last member: the line ends with `"id": N }`.
    static func trailingID(_ bytes: [UInt8]) -> Int? {
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        end -= 1
        while end > 0, [0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, (bytes[start - 1] >= 0x30 && bytes[start - 1] <= 0x39) || bytes[start - 1] == UInt8(ascii: "-") { start -= 1 }
        guard start < end, let id = integer(bytes[start..<end]) else { return nil }
        var cursor = start
        while cursor > 0, [0x20, 0x09].contains(bytes[cursor - 1]) { cursor -= 1 }
        guard cursor > 0, bytes[cursor - 1] == UInt8(ascii: ":") else { return nil }
        cursor -= 1
        while cursor > 0, [0x20, 0x09].contains(bytes[cursor - 1]) { cursor -= 1 }
        let key = Array("\"id\"".utf8)
        guard cursor >= key.count, Array(bytes[(cursor - key.count)..<cursor]) == key else { return nil }
        cursor -= key.count
        while cursor > 0, [0x20, 0x09].contains(bytes[cursor - 1]) { cursor -= 1 }
        guard cursor > 0, bytes[cursor - 1] == UInt8(ascii: ",") || bytes[cursor - 1] == UInt8(ascii: "{") else { return nil }
        return id
    }

    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        let digits = bytes.prefix { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
        guard !digits.isEmpty else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}
