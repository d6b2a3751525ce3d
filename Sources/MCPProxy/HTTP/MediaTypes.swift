/// Minimal `Content-Type` / `Accept` inspection (RFC 9110 media ranges), on the header's
/// bytes: no lowercased copies, no arrays of ranges (it runs on every request).
enum MediaTypes {
    /// The media ranges this server cares about.
    struct Known: OptionSet {
        let rawValue: UInt8
        static let any = Known(rawValue: 1)  // */*
        static let anyApplication = Known(rawValue: 2)  // application/*
        static let json = Known(rawValue: 4)  // application/json
        static let anyText = Known(rawValue: 8)  // text/*
        static let eventStream = Known(rawValue: 16)  // text/event-stream
    }

    static let names: [(bytes: [UInt8], known: Known)] = [
        (Array("*/*".utf8), .any), (Array("application/*".utf8), .anyApplication), (Array("application/json".utf8), .json),
        (Array("text/*".utf8), .anyText), (Array("text/event-stream".utf8), .eventStream),
    ]

    /// Which known ranges an `Accept` value lists (parameters dropped, case-insensitive).
    static func knownRanges(_ accept: String) -> Known {
        var accept = accept
        return accept.withUTF8 { bytes in
            var found: Known = []
            var index = 0
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                var typeEnd = index
                while typeEnd < end, bytes[typeEnd] != UInt8(ascii: ";") { typeEnd += 1 }
                found.formUnion(classify(bytes, from: index, to: typeEnd))
                index = end + 1
            }
            return found
        }
    }

    /// The known range `bytes[from..<to]` names once trimmed, if any.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Known {
        var start = from
        var end = to
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        for (name, known) in names where name.count == end - start {
            var same = true
            for offset in 0..<name.count where lowercased(bytes[start + offset]) != name[offset] {
                same = false
                break
            }
            if same { return known }
        }
        return []
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether a value is empty or only spaces and tabs.
    static func isBlank(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Whether a POST's `Accept` lets us answer: missing, `*/*`, JSON or event-stream.
    static func acceptsPostReply(_ accept: String?) -> Bool {
        guard let accept, !isBlank(accept) else { return true }
        return !knownRanges(accept).isEmpty
    }

    /// Whether the client accepts an SSE reply (named explicitly).
    static func acceptsEventStream(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return !knownRanges(accept).isDisjoint(with: [.eventStream, .anyText])
    }

    /// Whether a `Content-Type` value is JSON (`application/json`, any parameters).
    static func isJSON(_ contentType: String?) -> Bool {
        guard var contentType else { return false }
        return contentType.withUTF8 { bytes in
            var typeEnd = 0
            while typeEnd < bytes.count, bytes[typeEnd] != UInt8(ascii: ";") { typeEnd += 1 }
            return classify(bytes, from: 0, to: typeEnd) == .json
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
