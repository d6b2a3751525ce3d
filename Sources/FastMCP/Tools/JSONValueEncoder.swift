import Foundation
import MCPProxy

/// Encodes an `Encodable` straight to a ``JSONValue`` with the conventions structured
/// output always had through `JSONEncoder` (ISO 8601 dates, base64 `Data`, `URL`s as
/// strings, whole numbers as integers, `{}` for a nested value that encodes nothing; an
/// error for NaN, infinities and a top-level value that encodes nothing) — without writing
/// text and parsing it back on every tool call.
enum JSONValueEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let node = try encode(value, codingPath: [])
        if case .empty = node.kind {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(type(of: value)) did not encode any values."))
        }
        return node.build()
    }

    static func encode(_ value: some Encodable, codingPath: [any CodingKey]) throws -> Node {
        switch value {
        case let date as Date: return Node(.string(date.formatted(.iso8601)))
        case let data as Data: return Node(.string(data.base64EncodedString()))
        case let url as URL: return Node(.string(url.absoluteString))
        case let decimal as Decimal: return Node(try JSONParser.parse(decimal.description))
        default:
            let encoder = ValueEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.node
        }
    }

    /// A number as `JSONEncoder` writes it and `JSONParser` reads it back.
    static func number(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        // `description` round-trips, so a fraction reads back as this very Double.
        if value.rounded(.towardZero) != value { return .double(value) }
        if abs(value) < 1e15 { return .int(Int(value)) }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return try JSONParser.parse(text)
    }

    static func number(_ value: Float, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "Unable to encode Float.\(value) directly in JSON."))
        }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return try JSONParser.parse(text)
    }

    static func integer<I: BinaryInteger>(_ value: I) -> JSONValue {
        if let small = Int(exactly: value) { return .int(small) }
        return .double(Double(value))
    }

    /// A value under construction: containers are filled after they are handed out.
    final class Node {
        enum Kind {
            case value(JSONValue)
            case object([String: Node])
            case array([Node])
            case empty
        }

        var kind: Kind

        init(_ value: JSONValue) { kind = .value(value) }
        init(kind: Kind) { self.kind = kind }

        func build() -> JSONValue {
            switch kind {
            case .value(let value): return value
            case .object(let members): return .object(members.mapValues { $0.build() })
            case .array(let elements): return .array(elements.map { $0.build() })
            case .empty: return .object([:])
            }
        }

        /// This node as an object, making it one if nothing was encoded yet.
        func asObject() -> Node {
            if case .empty = kind { kind = .object([:]) }
            return self
        }

        func asArray() -> Node {
            if case .empty = kind { kind = .array([]) }
            return self
        }

        func set(_ key: String, _ node: Node) {
            if case .object(var members) = kind {
                kind = .empty
                members[key] = node
                kind = .object(members)
            }
        }

        func append(_ node: Node) {
            if case .array(var elements) = kind {
                kind = .empty
                elements.append(node)
                kind = .array(elements)
            }
        }

        var count: Int {
            if case .array(let elements) = kind { return elements.count }
            return 0
        }
    }
}

private struct EncodingIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private final class ValueEncoder: Encoder {
    let node = JSONValueEncoder.Node(kind: .empty)
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(node: node.asObject(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(node: node.asArray(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]

    func put(_ value: JSONValue, _ key: Key) { node.set(key.stringValue, JSONValueEncoder.Node(value)) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try JSONValueEncoder.number(value, codingPath: codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try JSONValueEncoder.number(value, codingPath: codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(JSONValueEncoder.integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try JSONValueEncoder.encode(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONValueEncoder.Node(kind: .object([:]))
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONValueEncoder.Node(kind: .array([]))
        node.set(key.stringValue, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    func superEncoder(named name: String) -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath)
        node.set(name, encoder.node)
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    var nextPath: [any CodingKey] { codingPath + [EncodingIndexKey(node.count)] }
    func put(_ value: JSONValue) { node.append(JSONValueEncoder.Node(value)) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONValueEncoder.number(value, codingPath: nextPath)) }
    mutating func encode(_ value: Float) throws { put(try JSONValueEncoder.number(value, codingPath: nextPath)) }
    mutating func encode(_ value: Int) throws { put(.int(value)) }
    mutating func encode(_ value: Int8) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(JSONValueEncoder.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try JSONValueEncoder.encode(value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONValueEncoder.Node(kind: .object([:]))
        let path = nextPath
        node.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONValueEncoder.Node(kind: .array([]))
        let path = nextPath
        node.append(child)
        return UnkeyedContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueEncoder(codingPath: nextPath)
        node.append(encoder.node)
        return encoder
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: JSONValueEncoder.Node
    let codingPath: [any CodingKey]

    func put(_ value: JSONValue) { node.kind = .value(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONValueEncoder.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { put(try JSONValueEncoder.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { put(.int(value)) }
    mutating func encode(_ value: Int8) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(JSONValueEncoder.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.kind = try JSONValueEncoder.encode(value, codingPath: codingPath).kind
    }
}
