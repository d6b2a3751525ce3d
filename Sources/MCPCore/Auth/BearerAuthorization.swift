/// Reads a bearer token from `Authorization` header values, per RFC 6750 §2.1.
///
/// Only the header is ever read: tokens in the query string or a form body are
/// not looked at (RFC 6750 §2.2–2.3 are not supported, on purpose).
public enum BearerAuthorization {
    /// The largest token accepted, in bytes.
    public static let maximumTokenLength = 8 * 1024

    /// Why no token could be taken from the request.
    public enum Failure: Error, Sendable, Equatable {
        /// No `Authorization` header, or a scheme other than Bearer: answer 401 with a bare challenge.
        case missing
        /// A malformed request (two headers, not a token68, too long): answer 400 `invalid_request`.
        case malformed(String)
    }

    /// The token in `values` (all `Authorization` header values of the request).
    public static func token(from values: [String]) -> Result<String, Failure> {
        guard !values.isEmpty else { return .failure(.missing) }
        guard values.count == 1 else { return .failure(.malformed("more than one Authorization header")) }
        let value = values[0]
        let bytes = Array(value.utf8)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else {
            return .failure(isBearer(bytes[...]) ? .malformed("the Bearer credentials are empty") : .missing)
        }
        guard isBearer(bytes[..<space]) else { return .failure(.missing) }
        var start = space
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let token = bytes[start..<end]
        guard !token.isEmpty else { return .failure(.malformed("the Bearer credentials are empty")) }
        guard token.count <= maximumTokenLength else {
            return .failure(.malformed("the token is longer than \(maximumTokenLength) bytes"))
        }
        guard isToken68(token) else { return .failure(.malformed("the Bearer credentials are not a token68 value")) }
        return .success(String(decoding: token, as: UTF8.self))
    }

    static func isBearer(_ scheme: ArraySlice<UInt8>) -> Bool {
        let expected = Array("bearer".utf8)
        guard scheme.count == expected.count else { return false }
        for (byte, want) in zip(scheme, expected) where byte | 0x20 != want {
            return false
        }
        return true
    }

    /// RFC 9110 token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    static func isToken68(_ token: ArraySlice<UInt8>) -> Bool {
        var seenPadding = false
        var sawCharacter = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "="):
                seenPadding = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                if seenPadding { return false }
                sawCharacter = true
            default:
                return false
            }
        }
        return sawCharacter
    }
}
