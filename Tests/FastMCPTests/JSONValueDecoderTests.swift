import Foundation
import MCPProxy
import Testing

@testable import FastMCP

@Suite struct JSONValueDecoderTests {
    struct Nested: Decodable, Equatable, Sendable {
        var name: String
        var count: UInt8
        var ratio: Double
        var tags: [String]
        var when: Date?
        var link: URL?
        var blob: Data?
        var inner: [String: Int]
        var maybe: Int?
    }

    @Test func decodesWhatJSONDecoderDecodes() throws {
        let json = #"{"name":"a","count":7,"ratio":2,"tags":["x","y"],"when":"2026-07-28T10:00:00Z","link":"https://example.com/a","blob":"AQID","inner":{"k":1},"maybe":null}"#
        let value = try JSONParser.parse(json)
        let direct = try JSONValueDecoder.decode(Nested.self, from: value)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let reference = try decoder.decode(Nested.self, from: Data(json.utf8))
        #expect(direct == reference)
        #expect(direct.blob == Data([1, 2, 3]))
        #expect(direct.maybe == nil)
    }

    @Test func errorsCarryTheSamePathsAndKinds() throws {
        struct Point: Decodable, Sendable { var x: Int; var y: [Int8] }
        func message(_ json: String) -> String? {
            let arguments = (try? JSONParser.parse(json))?.objectValue ?? [:]
            do {
                _ = try ArgumentDecoder.decode(Point.self, from: arguments)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(#"{"y":[]}"#) == "missing required argument 'x'")
        #expect(message(#"{"x":"1","y":[]}"#) == "argument 'x' must be an integer")
        #expect(message(#"{"x":null,"y":[]}"#) == "argument 'x' must be an integer, not null")
        #expect(message(#"{"x":1.5,"y":[]}"#) == "argument 'x': Number 1.5 does not fit in Int.")
        #expect(message(#"{"x":1,"y":[1,300]}"#) == "argument 'y[1]': Number 300 does not fit in Int8.")
        #expect(message(#"{"x":2.0,"y":[1]}"#) == nil)
    }
}
