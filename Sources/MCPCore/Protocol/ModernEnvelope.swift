/// The per-request envelope of a 2026-07-28 request, validated.
public struct ModernEnvelope: Sendable, Hashable {
    /// The protocol version the request speaks (`2026-07-28`).
    public var protocolVersion: String
    /// The capabilities the client declares for this request.
    public var clientCapabilities: JSONValue
    /// The client's name and version, when sent.
    public var clientInfo: JSONValue?

    /// Methods whose target is mirrored in the `Mcp-Name` header, and the params key it mirrors.
    public static let nameBearingMethods = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    /// Runs the 2026-07-28 validation ladder over one request; the first failing rung wins.
    ///
    /// 1. `params._meta` is an object with the protocol version and client capabilities → else -32602.
    /// 2. `MCP-Protocol-Version` equals the envelope version, `Mcp-Method` the method, and for
    ///    name-bearing methods `Mcp-Name` (after `=?base64?…?=` decoding) the named param;
    ///    each routing header at most once → else -32020.
    /// 3. The version is a string → else -32602; it is served → else -32022 with `{supported, requested}`.
    ///
    /// - Parameter header: all values of a header, by lowercase name.
    public static func validate(
        _ request: JSONRPCRequest, header: (String) -> [String], supported: [String]
    ) -> Result<ModernEnvelope, JSONRPCError> {
        guard let meta = request.params?["_meta"]?.objectValue else {
            return .failure(
                .invalidParams("params._meta must be an object carrying \(MetaKey.protocolVersion) and \(MetaKey.clientCapabilities)"))
        }
        let missing = [MetaKey.protocolVersion, MetaKey.clientCapabilities].filter { meta[$0] == nil }
        if !missing.isEmpty {
            return .failure(.invalidParams("params._meta is missing \(missing.joined(separator: ", "))"))
        }
        for name in ["mcp-protocol-version", "mcp-method", "mcp-name"] where header(name).count > 1 {
            return .failure(.headerMismatch("\(name) header appears more than once"))
        }
        let version = meta[MetaKey.protocolVersion]!
        guard let versionHeader = header("mcp-protocol-version").first, .string(versionHeader) == version else {
            return .failure(.headerMismatch("MCP-Protocol-Version header does not match params._meta"))
        }
        guard header("mcp-method").first == request.method else {
            return .failure(.headerMismatch("Mcp-Method header does not match the method"))
        }
        if let key = nameBearingMethods[request.method], let bodyValue = request.params?[key], bodyValue != .null {
            let headerValue = header("mcp-name").first.flatMap(HeaderValueCodec.decode)
            guard let headerValue, .string(headerValue) == bodyValue else {
                return .failure(.headerMismatch("Mcp-Name header does not match params.\(key)"))
            }
        }
        guard case .string(let versionText) = version else {
            return .failure(.invalidParams("\(MetaKey.protocolVersion) must be a string"))
        }
        guard supported.contains(versionText) else {
            return .failure(.unsupportedProtocolVersion(version, supported: supported))
        }
        return .success(
            ModernEnvelope(
                protocolVersion: versionText, clientCapabilities: meta[MetaKey.clientCapabilities]!,
                clientInfo: meta[MetaKey.clientInfo]))
    }

    /// The HTTP status a 2026-07-28 error answer carries.
    public static func httpStatus(forErrorCode code: Int) -> Int {
        switch code {
        case JSONRPCError.parseErrorCode, JSONRPCError.invalidRequestCode, JSONRPCError.invalidParamsCode,
            JSONRPCError.headerMismatchCode, JSONRPCError.missingClientCapabilityCode,
            JSONRPCError.unsupportedProtocolVersionCode:
            return 400
        case JSONRPCError.methodNotFoundCode:
            return 404
        default:
            return 200
        }
    }
}
