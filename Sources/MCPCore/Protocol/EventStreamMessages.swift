/// The JSON-RPC messages of an MCP reply body: one JSON document, or the `data:` fields of
/// a `text/event-stream` body (one message per event; comments, ids and unparsable events
/// are left out).
public enum EventStreamMessages {
    /// The messages in `body`; `isEventStream` says whether it is an SSE body.
    public static func parse(_ body: String, isEventStream: Bool) -> [JSONValue] {
        guard isEventStream else { return (try? JSONParser.parse(body)).map { [$0] } ?? [] }
        var messages: [JSONValue] = []
        let normalized = body.replacingCRLF()
        for event in normalized.split(separator: "\n\n", omittingEmptySubsequences: true) {
            let data = event.split(separator: "\n")
                .filter { $0.hasPrefix("data:") }
                .map { $0.dropFirst(5).drop { $0 == " " } }
                .joined(separator: "\n")
            if let value = try? JSONParser.parse(data) { messages.append(value) }
        }
        return messages
    }

    /// Whether a `Content-Type` value names an SSE body.
    public static func isEventStream(contentType: String?) -> Bool {
        contentType?.lowercased().hasPrefix("text/event-stream") == true
    }
}

extension String {
    /// The text with every CRLF and lone CR turned into LF (SSE allows all three).
    fileprivate func replacingCRLF() -> String {
        guard utf8.contains(UInt8(ascii: "\r")) else { return self }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if !(scalar == "\n" && previousCR) { out.append(scalar) }
            previousCR = false
        }
        return String(out)
    }
}
