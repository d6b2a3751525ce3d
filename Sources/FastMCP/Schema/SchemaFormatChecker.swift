import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the string formats ``SchemaFormat`` names; other formats are annotations only.
enum SchemaFormatChecker {
    /// Whether `text` has `format`, or `nil` when the format is not one checked here.
    static func accepts(_ text: String, format: SchemaFormat) -> Bool? {
        switch format {
        case .dateTime: return isDateTime(text)
        case .date: return isDate(Substring(text))
        case .time: return isTime(Substring(text))
        case .email: return isEmail(text)
        case .uri: return isURI(text)
        case .uuid: return UUID(uuidString: text) != nil && text.utf8.count == 36
        case .ipv4: return isAddress(text, family: AF_INET)
        case .ipv6: return !text.contains("%") && isAddress(text, family: AF_INET6)
        case .hostname: return isHostname(text)
        default: return nil
        }
    }

    /// How a message names the format: "must be <phrase>".
    static func phrase(_ format: SchemaFormat) -> String {
        switch format {
        case .dateTime: return "an RFC 3339 date-time such as 2026-07-28T12:00:00Z"
        case .date: return "a date such as 2026-07-28"
        case .time: return "a time such as 12:00:00Z"
        case .email: return "an e-mail address"
        case .uri: return "an absolute URI such as https://example.com/"
        case .uuid: return "a UUID"
        case .ipv4: return "an IPv4 address"
        case .ipv6: return "an IPv6 address"
        case .hostname: return "a host name"
        default: return "a valid \(format.rawValue)"
        }
    }

    static func isDateTime(_ text: String) -> Bool {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
        return isDate(text[..<separator]) && isTime(text[text.index(after: separator)...])
    }

    /// `YYYY-MM-DD`, a real day of a real month.
    static func isDate(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// `HH:MM:SS[.fraction](Z|±HH:MM)`.
    static func isTime(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let hour = digits(0, 2), bytes.count > 8, bytes[2] == UInt8(ascii: ":"), let minute = digits(3, 2),
            bytes[5] == UInt8(ascii: ":"), let second = digits(6, 2), hour < 24, minute < 60, second <= 60
        else { return false }
        var index = 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == bytes.count
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6, let offsetHour = digits(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                let offsetMinute = digits(index + 4, 2)
            else { return false }
            return offsetHour < 24 && offsetMinute < 60
        default:
            return false
        }
    }

    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        return at != text.startIndex && text.index(after: at) != text.endIndex && !text.contains(where: \.isWhitespace)
    }

    /// An absolute URI: a scheme (`[A-Za-z][A-Za-z0-9+.-]*`), a colon, no spaces or controls.
    static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon].utf8
        guard let first = scheme.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first),
            scheme.allSatisfy({ byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            })
        else { return false }
        return !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    static func isAddress(_ text: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return text.withCString { inet_pton(family, $0, &buffer) } == 1
    }

    /// RFC 1123: dot-separated labels of letters, digits and inner hyphens, 1–63 bytes each, 253 in all.
    static func isHostname(_ text: String) -> Bool {
        let trimmed = text.hasSuffix(".") ? text.dropLast() : Substring(text)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 253 else { return false }
        return trimmed.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = label.utf8
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
            return bytes.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        }
    }
}
