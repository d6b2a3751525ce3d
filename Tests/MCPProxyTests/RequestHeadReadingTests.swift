import HTTPTypes
import Testing

@testable import MCPCore
@testable import MCPProxy

/// The per-request readers made cheap in the lean-request-path work read exactly what the
/// general ones read: header values, bearer tokens, request ids.
struct RequestHeadReadingTests {
    @Test func aHeaderValueReadsLikeTheSubscript() {
        var fields: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
        fields.append(HTTPField(name: .accept, value: "text/event-stream"))
        fields.append(HTTPField(name: .cookie, value: "a=1"))
        fields.append(HTTPField(name: .cookie, value: "b=2"))
        for name in [HTTPField.Name.contentType, .accept, .cookie, .authorization, HTTPField.Name("content-TYPE")!] {
            #expect(fields.value(name) == fields[name], "\(name)")
        }
        #expect(fields.value(.accept) == "application/json, text/event-stream")
        #expect(fields.value(.cookie) == "a=1; b=2")
        #expect(fields.value(.authorization) == nil)
    }

    @Test func bearerTokensAreReadAsBefore() {
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_~+/=="
        #expect(BearerAuthorization.token(from: ["Bearer \(token)"]) == .success(token))
        #expect(BearerAuthorization.token(from: ["bEaReR    \(token)   "]) == .success(token))
        #expect(BearerAuthorization.token(from: []) == .failure(.missing))
        #expect(BearerAuthorization.token(from: ["Basic dXNlcjpwYXNz"]) == .failure(.missing))
        #expect(BearerAuthorization.token(from: ["Bearer"]) == .failure(.malformed("the Bearer credentials are empty")))
        #expect(BearerAuthorization.token(from: ["Bearer    "]) == .failure(.malformed("the Bearer credentials are empty")))
        #expect(BearerAuthorization.token(from: ["Bearer a", "Bearer b"]) == .failure(.malformed("more than one Authorization header")))
        for bad in ["a=b", "=abc", "===", "ab c", "abc\u{7F}", "tökén", "a==b"] {
            #expect(
                BearerAuthorization.token(from: ["Bearer \(bad)"]) == .failure(.malformed("the Bearer credentials are not a token68 value")),
                "\(bad)")
        }
        let long = String(repeating: "a", count: BearerAuthorization.maximumTokenLength + 1)
        #expect(BearerAuthorization.token(from: ["Bearer \(long)"]) == .failure(.malformed("the token is longer than 8192 bytes")))
    }

    @Test func token68CharactersAreExactlyRFC9110s() {
        let allowed = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/".utf8))
        for byte in UInt8.min...UInt8.max {
            #expect(BearerAuthorization.isToken68Character(byte) == allowed.contains(byte), "byte \(byte)")
        }
    }

    @Test func requestIDsAreSixteenHexDigitsAndNeverRepeat() {
        let ids = RequestIDs(key: 0)
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = ids.next()
            #expect(id.utf8.count == 16 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        // Another process (another key) numbers its requests differently.
        #expect(RequestIDs(key: 1).next() != RequestIDs(key: 0).next())
    }
}
