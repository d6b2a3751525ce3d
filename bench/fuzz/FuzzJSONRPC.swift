// libFuzzer entry for MCPCore's JSON parser, JSON-RPC classifier and 2026 envelope checks
// (built with MCPCore's sources by bench/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRPC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    // What is written parses back, and writing that again gives the same text (JSON has one
    // number type, so 1.0 may come back as 1: compare the text, not the enum case).
    let written = JSONWriter.string(value)
    guard let reparsed = try? JSONParser.parse(Array(written.utf8)) else { preconditionFailure("unparsable output: \(written)") }
    precondition(JSONWriter.string(reparsed) == written, "unstable output: \(written)")
    if let message = try? JSONRPCMessage.classify(value), case .request(let request) = message {
        // The 2026 envelope ladder, with headers that agree with the body and with none.
        let method = request.method
        let version = request.params?["_meta"]?[MetaKey.protocolVersion]?.stringValue ?? ""
        _ = ModernEnvelope.validate(request, header: { name in
            name == "mcp-method" ? [method] : name == "mcp-protocol-version" ? [version] : []
        }, supported: ["2026-07-28"])
        _ = ModernEnvelope.validate(request, header: { _ in [] }, supported: [])
    }
    _ = HeaderValueCodec.decode(String(decoding: bytes, as: UTF8.self))
    return 0
}
