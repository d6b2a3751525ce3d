// libFuzzer entry for ScriptLexer (built with the lexer's sources by bench/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLexer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for jsx in [false, true] {
        let lexed = Lexer.read(bytes, jsx: jsx)
        var previousEnd = 0
        var opaque = 0
        for token in lexed.tokens {
            // Tokens are in order and inside the input; only JSX markup between two containers is empty.
            precondition(token.start >= previousEnd && token.end <= bytes.count)
            precondition(token.end > token.start || token.kind == .jsxPart)
            if token.kind == .opaque { opaque += 1 }
            previousEnd = token.end
        }
        // Every opaque span has its reason (a problem may also come with no span, at the end).
        precondition(lexed.problems.count >= opaque)
        precondition(lexed.problems.isEmpty == ((try? Lexer.tokenize(bytes, jsx: jsx)) != nil))
    }
    return 0
}
