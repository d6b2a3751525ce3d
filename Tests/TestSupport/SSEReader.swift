import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A streaming POST (subscriptions/listen).
package struct HTTPStreamingRequest {
    package var url: String
    package var body = ""
    package var headers: [(String, String)] = []

    package init(url: String) { self.url = url }

    package func open() async throws -> SSEStream {
        try await SSEStream.open(url, headers: headers, method: .POST, body: body)
    }
}

/// Opens a streaming GET and reads it until a marker shows up.
package struct SSEStream {
    package let status: Int
    package let headers: [(String, String)]
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private(set) var text = ""

    package static func open(_ url: String, headers: [(String, String)], method: HTTPMethod = .GET, body: String? = nil) async throws -> SSEStream {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTP.client.execute(request, timeout: .seconds(30))
        return SSEStream(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            iterator: response.body.makeAsyncIterator())
    }

    /// Opens the GET stream of session `id` at `url` (resuming after `lastEventID`, when given)
    /// and reads up to its opening comment.
    package static func session(_ url: String, id: String, headers: [(String, String)], lastEventID: Int? = nil) async throws -> SSEStream {
        var all = headers + [("Mcp-Session-Id", id), ("Accept", "text/event-stream")]
        if let lastEventID { all.append(("Last-Event-ID", String(lastEventID))) }
        var stream = try await open(url, headers: all)
        _ = try await stream.read(until: ": stream open")
        return stream
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Reads until the server ends the stream; returns what arrived after the last read.
    package mutating func readToEnd() async throws -> String {
        let start = text.endIndex
        while let chunk = try await iterator.next() { text += String(buffer: chunk) }
        return String(text[start...])
    }

    /// Reads until `marker` has arrived (or the stream ends); returns all text so far.
    package mutating func read(until marker: String) async throws -> String {
        while !text.contains(marker) {
            guard let chunk = try await iterator.next() else { break }
            text += String(buffer: chunk)
        }
        return text
    }
}
