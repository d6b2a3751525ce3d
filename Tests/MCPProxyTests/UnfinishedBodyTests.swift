import MCPProxy
import TestSupport
import Testing

/// A client that never stops sending a body, on every kind of route: the server answers,
/// reads at most a bounded amount more, closes, and still serves. Before the bound, the
/// server read such a body to its end, and a counter of it overflowed after 8.6 GiB (a remote
/// crash without a token).
@Suite struct UnfinishedBodyTests {
    /// What the client's socket may take: the server reads at most 1 MiB after its reply (the
    /// exact bound is BodyPacingHandlerTests'), but the kernel buffers of both ends hold up to
    /// 36 MiB more on this machine (tcp_rmem 32 MiB, tcp_wmem 4 MiB); a quarter of the 512 MiB
    /// at which the flood stops by itself, which an unbounded server reaches in about a second.
    static let bound = 128 << 20

    static func chunkedHead(_ method: String, _ path: String, _ extra: String = "") -> String {
        "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\(extra)\r\n"
    }

    func expectBounded(_ outcome: RawHTTP.FloodOutcome, status: String, _ label: String = "", _ source: SourceLocation = #_sourceLocation) {
        #expect(outcome.closed, "\(label): the server never closed: \(outcome.sent) bytes sent", sourceLocation: source)
        #expect(outcome.sent < Self.bound, "\(label): the server took \(outcome.sent) bytes", sourceLocation: source)
        #expect(outcome.text.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(label): \(outcome.text.prefix(200))", sourceLocation: source)
    }

    @Test func anEndlessBodyIsBoundedOnEveryRoute() async throws {
        try await withOAuth { fixture in
            let port = fixture.server.port
            let metadataPath = "/.well-known/oauth-protected-resource/mcp"
            let cases: [(String, String, String)] = [
                ("POST", "/mcp", "401 Unauthorized"),  // no token
                ("POST", "/nope", "404 Not Found"),
                ("OPTIONS", "/mcp", "204 No Content"),
                ("GET", "/ready", "200 OK"),
                ("GET", "/health", "200 OK"),
                ("GET", metadataPath, "200 OK"),
            ]
            for (method, path, status) in cases {
                let outcome = try await RawHTTP.flood(port: port, head: Self.chunkedHead(method, path), chunked: true)
                expectBounded(outcome, status: status, "\(method) \(path)")
                #expect(try await fixture.stillServes() == "alice", "after \(method) \(path)")
            }
        }
    }

    @Test func aHugeDeclaredLengthIsNotReadToItsEnd() async throws {
        try await withOAuth { fixture in
            let head =
                "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer \(fixture.token())\r\nContent-Length: 9000000000000000\r\n\r\n"
            let outcome = try await RawHTTP.flood(port: fixture.server.port, head: head, chunked: false)
            expectBounded(outcome, status: "413 Payload Too Large")
            // The same without a token, and on a path nobody serves.
            let anonymous = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9000000000000000\r\n\r\n"
            expectBounded(try await RawHTTP.flood(port: fixture.server.port, head: anonymous, chunked: false), status: "413 Payload Too Large")
            let elsewhere = "PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9000000000000000\r\n\r\n"
            expectBounded(try await RawHTTP.flood(port: fixture.server.port, head: elsewhere, chunked: false), status: "404 Not Found")
            #expect(try await fixture.stillServes() == "alice")
        }
    }

    @Test func anEndlessBodyWithATokenIsCutAtTheCap() async throws {
        try await withOAuth { fixture in
            let head = Self.chunkedHead("POST", "/mcp", "Authorization: Bearer \(fixture.token())\r\nAccept: application/json, text/event-stream\r\n")
            let outcome = try await RawHTTP.flood(port: fixture.server.port, head: head, chunked: true)
            expectBounded(outcome, status: "413 Payload Too Large")
            #expect(try await fixture.stillServes() == "alice")
        }
    }
}
