/// Minimal `Content-Type` / `Accept` inspection (RFC 9110 media ranges).
enum MediaTypes {
    /// The media ranges of an `Accept` value, lowercased, parameters dropped.
    static func ranges(_ accept: String) -> [Substring] {
        accept.lowercased().split(separator: ",").map { range in
            let type = range.split(separator: ";", maxSplits: 1).first ?? ""
            return type.trimmingWhitespace()
        }
    }

    /// Whether a POST's `Accept` lets us answer: missing, `*/*`, JSON or event-stream.
    static func acceptsPostReply(_ accept: String?) -> Bool {
        guard let accept, !accept.trimmingWhitespace().isEmpty else { return true }
        return ranges(accept).contains { range in
            range == "*/*" || range == "application/*" || range == "application/json" || range == "text/*"
                || range == "text/event-stream"
        }
    }

    /// Whether the client accepts an SSE reply (named explicitly).
    static func acceptsEventStream(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return ranges(accept).contains { $0 == "text/event-stream" || $0 == "text/*" }
    }

    /// Whether a `Content-Type` value is JSON (`application/json`, any parameters).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType.lowercased().split(separator: ";", maxSplits: 1).first?.trimmingWhitespace() ?? ""
        return type == "application/json"
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
