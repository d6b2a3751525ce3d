import MCPCore
import Testing

/// The reply bytes written straight out are the bytes of the envelope built and serialised.
struct JSONRPCEncodingTests {
    @Test func resultBytesAreTheSerialisedEnvelope() {
        let results: [JSONValue] = [
            [:], .null, "text", 42,
            ["content": [["type": "text", "text": #"{"sum":5} "quoted" \ back\slash"#]], "isError": false, "structuredContent": ["sum": 5]],
            ["control": "tab\tnew\nline\r\u{01}\u{1F}", "unicode": "é🦊", "nested": [1, 2.5, true, .null, ["z": 1, "a": 2]]],
        ]
        let ids: [JSONRPCID] = [.int(7), .string("id with \"quotes\""), .int(-1)]
        for id in ids {
            for result in results {
                #expect(JSONRPCEncoding.resultBytes(id: id, result) == JSONWriter.bytes(JSONRPCEncoding.result(id: id, result)))
            }
        }
    }

    @Test func stringsAreEscapedAsJSONRequires() {
        let text = JSONWriter.string(["s": "a\"b\\c\nd\re\tf\u{01}g\u{1F}h/é"])
        #expect(text == #"{"s":"a\"b\\c\nd\re\tf\u0001g\u001fh/é"}"#)
    }
}
