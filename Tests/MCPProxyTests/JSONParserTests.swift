import NIOCore
import Testing

@testable import MCPCore

/// The request parser's strings: ASCII taken as is, anything else validated as UTF-8, from
/// contiguous bytes read in place and from other collections copied once.
struct JSONParserTests {
    @Test func asciiAndNonASCIIStringsAndEscapes() throws {
        let text = #"{"ascii":"plain","accents":"crème brûlée","emoji":"🦊","escaped":"a\"b\\c\u00e9\n"}"#
        let value = try JSONParser.parse(text)
        #expect(value["ascii"] == "plain")
        #expect(value["accents"] == "crème brûlée")
        #expect(value["emoji"] == "🦊")
        #expect(value["escaped"] == "a\"b\\cé\n")
    }

    @Test func invalidUTF8InAStringIsRefusedWithItsOffset() {
        var bytes = Array(#"{"key":"ab"#.utf8)
        bytes += [0xC3, 0x28]  // a two-byte lead followed by a non-continuation byte
        bytes += Array(#""}"#.utf8)
        #expect(throws: JSONParser.Failure(offset: 8, reason: "invalid UTF-8 in string")) { try JSONParser.parse(bytes) }
        #expect(throws: JSONParser.Failure(offset: 8, reason: "invalid UTF-8 in string")) { try JSONParser.parse([UInt8](#"{"key":""#.utf8) + [0xFF] + Array(#""}"#.utf8)) }
    }

    @Test func aControlCharacterInAStringIsRefused() {
        #expect(throws: JSONParser.Failure(offset: 3, reason: "control character in string")) { try JSONParser.parse(Array("[\"a\u{01}\"]".utf8)) }
    }

    @Test func contiguousAndOtherCollectionsParseAlike() throws {
        let text = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3.5}}}"#
        let fromBuffer = try JSONParser.parse(ByteBuffer(string: text).readableBytesView)
        let fromLazy = try JSONParser.parse(text.utf8.lazy.map { $0 })
        let fromString = try JSONParser.parse(text)
        #expect(fromBuffer == fromString)
        #expect(fromLazy == fromString)
        #expect(fromString["params"]?["arguments"]?["b"] == .double(3.5))
        #expect(throws: JSONParser.Failure(offset: 3, reason: "unexpected data after the JSON value")) {
            try JSONParser.parse("{} x".utf8.lazy.map { $0 })
        }
    }
}
