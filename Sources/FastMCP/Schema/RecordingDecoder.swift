import MCPProxy

/// The `Decoder` the schema recorder hands to `init(from:)`.
final class RecordingDecoder: Decoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let node = SchemaNode()
    let stack: [ObjectIdentifier]
    /// Keys probed with `decodeNil(forKey:)`: `decodeIfPresent` does that first, so they are optional.
    var probedForNil: Set<String> = []

    init(path: [any CodingKey], stack: [ObjectIdentifier]) {
        self.codingPath = path
        self.stack = stack
    }

    func recorder(appending key: (any CodingKey)?) -> Recorder {
        Recorder(path: key.map { codingPath + [$0] } ?? codingPath, stack: stack)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.kind = .object
        return KeyedDecodingContainer(KeyedRecorder<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.kind = .array
        return UnkeyedRecorder(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueRecorder(decoder: self)
    }
}

struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.probedForNil.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, node) = try record(type, key)
        decoder.node.properties.append((key.stringValue, node))
        if !decoder.probedForNil.contains(key.stringValue) { decoder.node.required.append(key.stringValue) }
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let (_, node) = try record(type, key)
        decoder.node.properties.append((key.stringValue, node))
        return nil
    }

    private func record<T: Decodable>(_ type: T.Type, _ key: Key) throws -> (T, SchemaNode) {
        let recorder = decoder.recorder(appending: key)
        do {
            return try recorder.record(type)
        } catch {
            // Describe what could be seen, then stop this type (placeholders were refused).
            decoder.node.properties.append((key.stringValue, recorder.schema(of: type)))
            if !decoder.probedForNil.contains(key.stringValue) { decoder.node.required.append(key.stringValue) }
            throw RecorderStop()
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let nested = RecordingDecoder(path: codingPath + [key], stack: decoder.stack)
        decoder.node.properties.append((key.stringValue, nested.node))
        decoder.node.required.append(key.stringValue)
        return try nested.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let nested = RecordingDecoder(path: codingPath + [key], stack: decoder.stack)
        decoder.node.properties.append((key.stringValue, nested.node))
        decoder.node.required.append(key.stringValue)
        return try nested.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { currentIndex == 0 ? 1 : 0 }
    var isAtEnd: Bool { currentIndex > 0 }
    var currentIndex = 0

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        defer { currentIndex += 1 }
        let recorder = decoder.recorder(appending: nil)
        do {
            let (value, node) = try recorder.record(type)
            if decoder.node.items == nil { decoder.node.items = node }
            return value
        } catch {
            if decoder.node.items == nil { decoder.node.items = recorder.schema(of: type) }
            throw RecorderStop()
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        let nested = RecordingDecoder(path: codingPath, stack: decoder.stack)
        decoder.node.items = nested.node
        return try nested.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        let nested = RecordingDecoder(path: codingPath, stack: decoder.stack)
        decoder.node.items = nested.node
        return try nested.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

struct SingleValueRecorder: SingleValueDecodingContainer {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let recorder = decoder.recorder(appending: nil)
        let (value, node) = try recorder.record(type)
        decoder.node.kind = node.kind
        decoder.node.properties = node.properties
        decoder.node.required = node.required
        decoder.node.items = node.items
        decoder.node.additional = node.additional
        decoder.node.extra = node.extra
        return value
    }
}
