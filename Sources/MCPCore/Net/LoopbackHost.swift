/// Decides whether a host names this machine's loopback interface, by parsing it,
/// never by prefix: `127.0.0.0/8` as a dotted-quad literal, `::1` (any spelling,
/// bracketed or not, IPv4-mapped `::ffff:127.x.y.z` included) and the literal name
/// `localhost`. `127.example.com` and `127.0.0.1.nip.io` are not loopback.
public enum LoopbackHost {
    /// Whether `host` (a bind address, a URL host or a `Host` header's host part) is loopback.
    public static func contains(_ host: String) -> Bool {
        // The spellings nearly every request carries, without parsing (it runs per request).
        if host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" { return true }
        var bare = Substring(host)
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
        if bare.lowercased() == "localhost" || bare.lowercased() == "localhost." { return true }
        if let v4 = ipv4(bare) { return v4[0] == 127 }
        if let v6 = ipv6(bare) {
            if v6[0..<15].allSatisfy({ $0 == 0 }) && v6[15] == 1 { return true }
            let mapped = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF
            return mapped && v6[12] == 127
        }
        return false
    }

    /// Whether `host` is a wildcard bind address (`0.0.0.0`, `::`), which listens on every interface.
    public static func isWildcard(_ host: String) -> Bool {
        var bare = Substring(host)
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
        if let v4 = ipv4(bare) { return v4.allSatisfy { $0 == 0 } }
        if let v6 = ipv6(bare) { return v6.allSatisfy { $0 == 0 } }
        return false
    }

    /// The four bytes of a strict dotted-quad (`a.b.c.d`, each 0–255, no leading `+`), or `nil`.
    static func ipv4(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, bytes.count < 3 else { return nil }
                bytes.append(UInt8(value))
                (value, digits) = (0, 0)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, bytes.count == 3 else { return nil }
        bytes.append(UInt8(value))
        return bytes
    }

    /// The sixteen bytes of an IPv6 literal (RFC 4291 text forms, `::` once, an
    /// embedded dotted-quad last; no zone), or `nil`.
    static func ipv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":"), !text.contains("%") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ half: Substring, allowTrailingIPv4: Bool) -> [UInt8]? {
            if half.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowTrailingIPv4, piece.contains(".") {
                    guard let v4 = ipv4(piece) else { return nil }
                    bytes += v4
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(Substring(halves[0]), allowTrailingIPv4: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(Substring(halves[0]), allowTrailingIPv4: false),
            let tail = groups(Substring(halves[1]), allowTrailingIPv4: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

extension Substring {
    /// `components(separatedBy:)` without Foundation: splits on every occurrence of `separator`.
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var result: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            result.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        result.append(rest)
        return result
    }
}
