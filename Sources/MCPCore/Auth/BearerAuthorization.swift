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
        var value = values[0]
        // Read in place: a token is hundreds of bytes and this runs on every request.
        return value.withUTF8(token(in:))
    }

    /// The token in one header value's bytes.
    static func token(in bytes: UnsafeBufferPointer<UInt8>) -> Result<String, Failure> {
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else {
            return .failure(isBearer(bytes[...]) ? .malformed("the Bearer credentials are empty") : .missing)
        }
        guard isBearer(bytes[..<space]) else { return .failure(.missing) }
        var start = space
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard !token.isEmpty else { return .failure(.malformed("the Bearer credentials are empty")) }
        guard token.count <= maximumTokenLength else {
            return .failure(.malformed("the token is longer than \(maximumTokenLength) bytes"))
        }
        guard isToken68(token) else { return .failure(.malformed("the Bearer credentials are not a token68 value")) }
        return .success(String(decoding: token, as: UTF8.self))
    }

    /// Whether `scheme` is `Bearer`, in any case.
    static func isBearer(_ scheme: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard scheme.count == 6 else { return false }
        let bytes = UnsafeBufferPointer(rebasing: scheme)
        return bytes[0] | 0x20 == UInt8(ascii: "b") && bytes[1] | 0x20 == UInt8(ascii: "e") && bytes[2] | 0x20 == UInt8(ascii: "a")
            && bytes[3] | 0x20 == UInt8(ascii: "r") && bytes[4] | 0x20 == UInt8(ascii: "e") && bytes[5] | 0x20 == UInt8(ascii: "r")
    }

    /// RFC 9110 token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    static func isToken68(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < token.count, isToken68Character(token[index]) { index += 1 }
        guard index > 0 else { return false }
        while index < token.count, token[index] == UInt8(ascii: "=") { index += 1 }
        return index == token.count
    }

    /// A token68 character before the padding, looked up in two 64-bit masks (bytes 0–63,
    /// 64–127): one shift per byte of a token hundreds of bytes long, checked on every request.
    @inline(__always)
    static func isToken68Character(_ byte: UInt8) -> Bool {
        // Bit n set: byte n (or 64 + n) is allowed. Low: + - . / 0-9. High: A-Z _ a-z ~.
        let low: UInt64 = 0x03FF_E800_0000_0000
        let high: UInt64 = 0x47FF_FFFE_87FF_FFFE
        switch byte {
        case 0..<64: return (low >> UInt64(byte)) & 1 == 1
        case 64..<128: return (high >> UInt64(byte - 64)) & 1 == 1
        default: return false
        }
    }
}
