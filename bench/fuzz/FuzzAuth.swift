// libFuzzer entry for MCPCore's Authorization and WWW-Authenticate readers and JWS splitting
// (built with MCPCore's sources by bench/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuth(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if case .success(let token) = BearerAuthorization.token(from: [text]) {
        _ = try? CompactJWS(token)
    }
    if let challenges = try? AuthChallenge.parse(text) {
        precondition(!challenges.isEmpty)
        for challenge in challenges { _ = challenge.parameter("error") }
    }
    _ = Base64URL.decode(text)
    return 0
}
