/// One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): a scheme with either a
/// token68 or auth-params (`Bearer realm="x", error="invalid_token", resource_metadata="…"`).
public struct AuthChallenge: Sendable, Hashable {
    /// The scheme as sent (compare case-insensitively).
    public var scheme: String
    /// The token68 form, when the challenge carries one instead of parameters.
    public var token68: String?
    /// Parameters in order; names as sent (compare case-insensitively), quoted values unescaped.
    public var parameters: [Parameter]

    /// One `name=value` auth-param.
    public struct Parameter: Sendable, Hashable {
        /// The name as sent.
        public var name: String
        /// The value, unquoted and unescaped.
        public var value: String
    }

    /// Why a header value could not be read.
    public struct ParseError: Error, Sendable, Hashable {
        /// Where in the header value the problem was noticed.
        public var offset: Int
        /// What was wrong.
        public var message: String
    }

    /// The largest header value read.
    public static let maximumLength = 16 * 1024

    /// The value of parameter `name` (case-insensitive), the first when repeated.
    public func parameter(_ name: String) -> String? {
        let lowered = name.lowercased()
        return parameters.first { $0.name.lowercased() == lowered }?.value
    }

    /// Whether the scheme is `Bearer` (case-insensitive).
    public var isBearer: Bool { scheme.lowercased() == "bearer" }

    /// Parses every challenge in a `WWW-Authenticate` value (one header line, or several joined by commas).
    public static func parse(_ value: String) throws(ParseError) -> [AuthChallenge] {
        var parser = ChallengeParser(bytes: Array(value.utf8))
        return try parser.parse()
    }
}

/// The grammar, over bytes: challenges separated by commas; after a scheme, a token68 or a
/// comma-separated list of `name = token / quoted-string`.
private struct ChallengeParser {
    let bytes: [UInt8]
    var pos = 0

    mutating func parse() throws(AuthChallenge.ParseError) -> [AuthChallenge] {
        guard bytes.count <= AuthChallenge.maximumLength else { throw error("the value is longer than \(AuthChallenge.maximumLength) bytes") }
        var challenges: [AuthChallenge] = []
        while true {
            skipSeparators()
            guard pos < bytes.count else { break }
            let scheme = try token("an auth scheme")
            var challenge = AuthChallenge(scheme: scheme, token68: nil, parameters: [])
            skipSpaces()
            if pos < bytes.count, bytes[pos] != UInt8(ascii: ",") {
                if let token68 = token68IfPresent() {
                    challenge.token68 = token68
                } else {
                    try readParameters(into: &challenge)
                }
            }
            challenges.append(challenge)
        }
        guard !challenges.isEmpty else { throw error("no challenge") }
        return challenges
    }

    /// A token68 (`abc+/=`) followed by the end or a comma; nil (position unchanged) otherwise.
    mutating func token68IfPresent() -> String? {
        let start = pos
        var i = pos
        while i < bytes.count, isToken68Byte(bytes[i]) { i += 1 }
        guard i > start else { return nil }
        var j = i
        while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
        var k = j
        while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
        guard k == bytes.count || bytes[k] == UInt8(ascii: ",") else { return nil }
        // `name=` with nothing after is a token68 ending in padding, not an empty parameter.
        pos = k
        return String(decoding: bytes[start..<j], as: UTF8.self)
    }

    mutating func readParameters(into challenge: inout AuthChallenge) throws(AuthChallenge.ParseError) {
        while true {
            let name = try token("a parameter name")
            skipSpaces()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else { throw error("expected `=` after \(name)") }
            pos += 1
            skipSpaces()
            let value = pos < bytes.count && bytes[pos] == UInt8(ascii: "\"") ? try quotedString() : try token("a parameter value")
            challenge.parameters.append(.init(name: name, value: value))
            skipSpaces()
            guard pos < bytes.count else { return }
            guard bytes[pos] == UInt8(ascii: ",") else { throw error("expected `,` between parameters") }
            // After a comma: another parameter (`name =`) or the next challenge (a scheme).
            var look = pos
            while look < bytes.count, [UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[look]) { look += 1 }
            var end = look
            while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
            var after = end
            while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") { after += 1 }
            guard end > look, after < bytes.count, bytes[after] == UInt8(ascii: "=") else { return }
            pos = look
        }
    }

    mutating func quotedString() throws(AuthChallenge.ParseError) -> String {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < bytes.count else { break }
            } else if c < 0x20 && c != 0x09 || c == 0x7F {
                throw error("a control character in a quoted string")
            }
            out.append(bytes[pos])
            pos += 1
        }
        pos = start
        throw error("an unterminated quoted string")
    }

    mutating func token(_ what: String) throws(AuthChallenge.ParseError) -> String {
        let start = pos
        while pos < bytes.count, isTokenByte(bytes[pos]) { pos += 1 }
        guard pos > start else { throw error("expected \(what)") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    mutating func skipSpaces() {
        while pos < bytes.count, bytes[pos] == UInt8(ascii: " ") || bytes[pos] == UInt8(ascii: "\t") { pos += 1 }
    }

    mutating func skipSeparators() {
        while pos < bytes.count, [UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[pos]) { pos += 1 }
    }

    func error(_ message: String) -> AuthChallenge.ParseError { .init(offset: pos, message: message) }

    /// RFC 9110 tchar.
    func isTokenByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(c)
        }
    }

    func isToken68Byte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("-._~+/".utf8).contains(c)
        }
    }
}
