// libFuzzer entry for ScriptLexer (built with the lexer's sources by bench/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLexer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for jsx in [false, true] {
        if let tokens = try? Lexer.tokenize(bytes, jsx: jsx) {
            var previousEnd = 0
            for token in tokens {
                // Tokens are in order, inside the input, and never empty.
                precondition(token.start >= previousEnd && token.end > token.start && token.end <= bytes.count)
                previousEnd = token.end
            }
        }
    }
    return 0
}
