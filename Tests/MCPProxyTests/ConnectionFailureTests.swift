import Glibc
@testable import MCPCore
import Testing

/// One wording for a failed connection, and the authority it names.
@Suite struct ConnectionFailureTests {
    @Test func theAuthorityHasItsPortFilledIn() {
        #expect(ConnectionFailure.authority(of: "http://127.0.0.1:1/mcp") == "127.0.0.1:1")
        #expect(ConnectionFailure.authority(of: "https://auth.example.com/jwks.json") == "auth.example.com:443")
        #expect(ConnectionFailure.authority(of: "http://user:secret@example.com/x?y#z") == "example.com:80")
        #expect(ConnectionFailure.authority(of: "http://[::1]:8080/mcp") == "[::1]:8080")
        #expect(ConnectionFailure.authority(of: "https://[::1]/mcp") == "[::1]:443")
        #expect(ConnectionFailure.authority(of: "http://example.com:/x") == "example.com:80")
        #expect(ConnectionFailure.authority(of: "not a url") == "not a url")
    }

    @Test func theReasonIsPlainWords() {
        #expect(ConnectionFailure.message(url: "http://127.0.0.1:9/mcp", errno: ECONNREFUSED) == "cannot connect to 127.0.0.1:9: connection refused")
        #expect(ConnectionFailure.message(url: "http://127.0.0.1:9/mcp", errno: ETIMEDOUT) == "cannot connect to 127.0.0.1:9: connection timed out")
    }
}
