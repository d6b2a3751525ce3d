/// The 2026-07-28 header value codec: values that would not survive an HTTP field
/// travel as `=?base64?<standard base64 of UTF-8>?=`.
public enum HeaderValueCodec {
    /// The value a header carries; `nil` for a malformed `=?base64?…?=` sentinel
    /// (bad or non-canonical base64, bad UTF-8), so it never matches by accident.
    public static func decode(_ value: String) -> String? {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.utf8.count >= 11 else { return value }
        let payload = Array(value.utf8.dropFirst(9).dropLast(2))
        guard let bytes = StandardBase64.decode(payload), StandardBase64.encode(bytes) == payload else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The header form of `value`: verbatim when it is printable ASCII without edge spaces, else base64-wrapped.
    public static func encode(_ value: String) -> String {
        let printable = value.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
        let trimmed = value.first != " " && value.last != " "
        if printable && trimmed && !(value.hasPrefix("=?base64?") && value.hasSuffix("?=")) {
            return value
        }
        return "=?base64?" + String(decoding: StandardBase64.encode(Array(value.utf8)), as: UTF8.self) + "?="
    }
}

/// RFC 4648 §4 base64 with padding.
enum StandardBase64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            output.append(alphabet[Int(value >> 18 & 0x3F)])
            output.append(alphabet[Int(value >> 12 & 0x3F)])
            output.append(chunk.count > 1 ? alphabet[Int(value >> 6 & 0x3F)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(value & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return output
    }

    static func decode(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.last == UInt8(ascii: "=") { padding += 1 }
        if text.count >= 2, text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        var unpadded = Array(text.dropLast(padding))
        for index in unpadded.indices {
            switch unpadded[index] {
            case UInt8(ascii: "+"): unpadded[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): unpadded[index] = UInt8(ascii: "_")
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): return nil
            default: break
            }
        }
        return Base64URL.decode(unpadded)
    }
}
