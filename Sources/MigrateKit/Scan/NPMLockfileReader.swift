/// Reads a `package-lock.json` / `npm-shrinkwrap.json` in one pass over its bytes, keeping only
/// what the version checks use: each entry's name and `version`. `JSONSerialization` built a
/// Foundation object for every value (a 57 MiB lockfile took over 1 GB); this keeps a few
/// strings per package and skips everything else without building it. The whole document is
/// still checked to be JSON: a file that is not is refused, as before.
struct NPMLockfileReader {
    /// `packages` (lockfileVersion 2 and 3): key (`node_modules/…` path) → version text.
    var packages: [(key: String, version: String)]?
    /// `dependencies` (lockfileVersion 1): name → version, each with its nested dependencies.
    var dependencies: [Dependency]?

    /// One entry of the version 1 tree.
    struct Dependency {
        var name: String
        var version: String?
        var nested: [Dependency]
    }

    /// Why the bytes are not a JSON document.
    struct Invalid: Error {}

    private var bytes: [UInt8]
    private var index = 0

    /// Reads `bytes`; throws ``Invalid`` unless they are one JSON object.
    init(_ bytes: [UInt8]) throws(Invalid) {
        self.bytes = bytes
        skipSpace()
        try readObject { reader, key throws(Invalid) in
            switch key {
            case "packages": reader.packages = try reader.readPackages()
            case "dependencies": reader.dependencies = try reader.readDependencies(depth: 0)
            default: try reader.skipValue()
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Invalid() }
        self.bytes = []
    }

    // MARK: What is kept

    /// The `packages` object's entries; nil when it is not an object (as a lockfile that
    /// lacks it: the version 1 tree is read instead).
    private mutating func readPackages() throws(Invalid) -> [(key: String, version: String)]? {
        var found: [(key: String, version: String)] = []
        guard peek == UInt8(ascii: "{") else {
            try skipValue()
            return nil
        }
        try readObject { reader, key throws(Invalid) in
            if let version = try reader.readVersionMember() { found.append((key, version)) }
        }
        return found
    }

    private mutating func readDependencies(depth: Int) throws(Invalid) -> [Dependency] {
        var found: [Dependency] = []
        guard peek == UInt8(ascii: "{"), depth < 512 else {
            try skipValue()
            return found
        }
        try readObject { reader, name throws(Invalid) in
            guard reader.peek == UInt8(ascii: "{") else { return try reader.skipValue() }
            var entry = Dependency(name: name, version: nil, nested: [])
            try reader.readObject { reader, key throws(Invalid) in
                switch key {
                case "version" where reader.peek == UInt8(ascii: "\""): entry.version = try reader.readString()
                case "dependencies": entry.nested = try reader.readDependencies(depth: depth + 1)
                default: try reader.skipValue()
                }
            }
            found.append(entry)
        }
        return found
    }

    /// An object's `version` string member (other members skipped); nil for anything else.
    private mutating func readVersionMember() throws(Invalid) -> String? {
        guard peek == UInt8(ascii: "{") else {
            try skipValue()
            return nil
        }
        var version: String?
        try readObject { reader, key throws(Invalid) in
            if key == "version", reader.peek == UInt8(ascii: "\"") { version = try reader.readString() } else { try reader.skipValue() }
        }
        return version
    }

    // MARK: JSON

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Invalid) {
        skipSpace()
        guard peek == byte else { throw Invalid() }
        index += 1
    }

    /// Reads `{ "key": value, … }`, handing each key to `member`, which must consume the value.
    private mutating func readObject(_ member: (inout NPMLockfileReader, String) throws(Invalid) -> Void) throws(Invalid) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpace()
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try member(&self, key)
            skipSpace()
            guard let next = peek else { throw Invalid() }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Invalid() }
        }
    }

    /// A string, its escapes decoded.
    private mutating func readString() throws(Invalid) -> String {
        guard peek == UInt8(ascii: "\"") else { throw Invalid() }
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = bytes[start..<index]
                index += 1
                return escaped ? try Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            } else if byte < 0x20 {
                throw Invalid()
            }
            index += 1
        }
        throw Invalid()
    }

    private static func unescape(_ raw: ArraySlice<UInt8>) throws(Invalid) -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = raw.startIndex
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        func hex(_ at: Int) throws(Invalid) -> UInt32 {
            guard at + 4 <= raw.endIndex, let value = UInt32(String(decoding: raw[at..<at + 4], as: UTF8.self), radix: 16) else { throw Invalid() }
            return value
        }
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "\\") else {
                utf8.append(raw[i])
                i += 1
                continue
            }
            guard i + 1 < raw.endIndex else { throw Invalid() }
            let kind = raw[i + 1]
            i += 2
            let simple: UInt8? =
                switch kind {
                case UInt8(ascii: "\""): UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case UInt8(ascii: "/"): UInt8(ascii: "/")
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "f"): 0x0C
                case UInt8(ascii: "n"): 0x0A
                case UInt8(ascii: "r"): 0x0D
                case UInt8(ascii: "t"): 0x09
                default: nil
                }
            if let simple {
                utf8.append(simple)
                continue
            }
            guard kind == UInt8(ascii: "u") else { throw Invalid() }
            var code = try hex(i)
            i += 4
            if (0xD800..<0xDC00).contains(code), i + 1 < raw.endIndex, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                let low = try hex(i + 2)
                if (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
            }
            flush()
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        flush()
        return String(scalars)
    }

    /// Steps over one value of any kind without building it: containers are counted on a
    /// stack of their opening brackets, never recursed into.
    private mutating func skipValue() throws(Invalid) {
        var open: [UInt8] = []
        while true {
            skipSpace()
            guard let byte = peek else { throw Invalid() }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                index += 1
                skipSpace()
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if peek == close {
                    index += 1
                } else {
                    open.append(byte)
                    if byte == UInt8(ascii: "{") { try skipKey() }
                    continue
                }
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try number()
            }
            // A value is complete: close what it completes, or go on to the next element.
            while let top = open.last {
                skipSpace()
                guard let next = peek else { throw Invalid() }
                index += 1
                if next == UInt8(ascii: ",") {
                    if top == UInt8(ascii: "{") { try skipKey() }
                    break
                }
                guard next == (top == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw Invalid() }
                open.removeLast()
            }
            if open.isEmpty { return }
        }
    }

    /// `"key":` inside an object being skipped.
    private mutating func skipKey() throws(Invalid) {
        skipSpace()
        try skipString()
        try expect(UInt8(ascii: ":"))
    }

    private mutating func skipString() throws(Invalid) {
        guard peek == UInt8(ascii: "\"") else { throw Invalid() }
        index += 1
        // Plain bytes in one tight pass; quotes, escapes and control bytes are looked at below.
        index = bytes.withUnsafeBufferPointer { all in
            var at = index
            while at < all.count, all[at] >= 0x20, all[at] != UInt8(ascii: "\""), all[at] != UInt8(ascii: "\\") { at += 1 }
            return at
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                try skipEscape()
                continue
            } else if byte < 0x20 {
                throw Invalid()
            }
            index += 1
        }
        throw Invalid()
    }

    /// Steps over the escape at `index` (a backslash), refusing one JSON does not have.
    private mutating func skipEscape() throws(Invalid) {
        guard index + 1 < bytes.count else { throw Invalid() }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard index + 6 <= bytes.count, bytes[index + 2..<index + 6].allSatisfy({ Self.isHex($0) }) else { throw Invalid() }
            index += 6
        default:
            throw Invalid()
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private mutating func literal(_ word: StaticString) throws(Invalid) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Invalid() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Invalid() }
        index += count
    }

    /// A number by RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Invalid) {
        func digits() -> Int {
            let start = index
            while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - start
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw Invalid()
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Invalid() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Invalid() }
        }
    }
}
