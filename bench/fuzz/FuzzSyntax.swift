// libFuzzer entry for ScriptSyntax (built with the lexer's and parser's sources by bench/fuzz.sh).
// Any input must parse without trapping, in bounded time, into statements that tile the tokens.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for dialect in [Dialect.typeScript, Dialect(typeScript: true, jsx: true), Dialect.javaScript] {
        let tree = SyntaxTree(bytes: bytes, dialect: dialect)
        var next = 0
        for statement in tree.statements {
            precondition(statement.range.lowerBound == next && statement.range.upperBound > next, "statements must tile the tokens")
            next = statement.range.upperBound
        }
        precondition(next == tree.tokens.count, "every token belongs to a statement")
        for problem in tree.problems {
            precondition(problem.range.upperBound <= tree.tokens.count)
        }
    }
    return 0
}
