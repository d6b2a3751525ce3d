import Foundation
import MCPProxy
import Testing

@testable import FastMCP

/// The direct encoder gives exactly what `JSONEncoder` (ISO 8601 dates) wrote and the parser
/// read back, which is what structured output was before.
@Suite struct JSONValueEncoderTests {
    struct Inner: Codable, Sendable { var label: String?; var weights: [Float] }
    enum Kind: String, Codable, Sendable { case small, large }
    struct Everything: Codable, Sendable {
        var text = "héllo \"quoted\" \n"
        var whole = 212.0
        var fraction = 0.1
        var tiny = 0.000012
        var huge = 1e16
        var big = 123456789012345.0
        var negativeZero = -0.0
        var float: Float = 0.1
        var int8: Int8 = -8
        var uint64 = UInt64.max
        var int64 = Int64.min
        var flag = true
        var none: String? = nil
        var date = Date(timeIntervalSince1970: 1_795_996_800)
        var data = Data([0, 1, 2, 250])
        var url = URL(string: "https://example.com/a?b=c")!
        var decimal = Decimal(string: "12.50")!
        var kind = Kind.large
        var inner = Inner(label: nil, weights: [1.5, 2])
        var nested: [[Int]] = [[1], [], [2, 3]]
        var map = ["b": 2, "a": 1]
        var intKeys = [3: "three"]
        var optionals: [Int?] = [1, nil]
    }

    /// A type encoding through every container kind by hand, nested and super encoders included.
    struct Manual: Encodable {
        enum Keys: String, CodingKey { case point, list, parent }
        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Keys.self)
            var point = keyed.nestedContainer(keyedBy: Keys.self, forKey: .point)
            try point.encode(1, forKey: .list)
            var list = keyed.nestedUnkeyedContainer(forKey: .list)
            try list.encode("a")
            var inner = list.nestedUnkeyedContainer()
            try inner.encodeNil()
            let parent = keyed.superEncoder(forKey: .parent)
            var single = parent.singleValueContainer()
            try single.encode(Kind.small)
        }
    }

    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }

    func viaJSONEncoder(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONParser.parse(Array(try encoder.encode(value)))
    }

    @Test func matchesJSONEncoderThroughTheParser() throws {
        #expect(try JSONValueEncoder.encode(Everything()) == viaJSONEncoder(Everything()))
        #expect(try JSONValueEncoder.encode(Manual()) == viaJSONEncoder(Manual()))
        #expect(try JSONValueEncoder.encode(["empty": Nothing()]) == viaJSONEncoder(["empty": Nothing()]))
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(Nothing()) }
        #expect(throws: EncodingError.self) { try viaJSONEncoder(Nothing()) }
        #expect(try JSONValueEncoder.encode([Everything(), Everything()]) == viaJSONEncoder([Everything(), Everything()]))
        for number in [0.5, 3.0, -7.25, 1e300, 9.999e14, 1e15, 4e15, 123.456e10, Double.leastNonzeroMagnitude] {
            #expect(try JSONValueEncoder.encode(number) == viaJSONEncoder(number), "\(number)")
        }
        #expect(try JSONValueEncoder.encode(Everything()).objectValue?["whole"] == .int(212))
    }

    @Test func nonFiniteNumbersAreErrorsAsWithJSONEncoder() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode([Float.infinity]) }
    }
}
