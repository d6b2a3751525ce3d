/// A JWS in compact serialisation, split and decoded but **not verified**.
public struct CompactJWS: Sendable {
    /// The protected header.
    public var header: [String: JSONValue]
    /// The claims.
    public var payload: [String: JSONValue]
    /// `BASE64URL(header) "." BASE64URL(payload)`, the bytes the signature covers.
    public var signingInput: [UInt8]
    /// The raw signature.
    public var signature: [UInt8]

    /// Why a token could not even be parsed.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var reason: String
        /// The reason.
        public var description: String { reason }
    }

    /// Splits and decodes `token`; header and payload must be JSON objects.
    public init(_ token: String) throws(Malformed) {
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2 else { throw Malformed(reason: "the token is not a compact JWS (three dot-separated parts)") }
        let headerPart = bytes[..<dots[0]]
        let payloadPart = bytes[(dots[0] + 1)..<dots[1]]
        let signaturePart = bytes[(dots[1] + 1)...]
        guard let headerBytes = Base64URL.decode(headerPart) else { throw Malformed(reason: "the header is not base64url") }
        guard let payloadBytes = Base64URL.decode(payloadPart) else { throw Malformed(reason: "the payload is not base64url") }
        guard let signature = Base64URL.decode(signaturePart) else { throw Malformed(reason: "the signature is not base64url") }
        guard case .object(let header)? = try? JSONParser.parse(headerBytes) else {
            throw Malformed(reason: "the header is not a JSON object")
        }
        guard case .object(let payload)? = try? JSONParser.parse(payloadBytes) else {
            throw Malformed(reason: "the payload is not a JSON object")
        }
        self.header = header
        self.payload = payload
        self.signingInput = Array(bytes[..<dots[1]])
        self.signature = signature
    }

    /// The `alg` header.
    public var algorithm: String? { header["alg"]?.stringValue }
    /// The `kid` header.
    public var keyID: String? { header["kid"]?.stringValue }
}
