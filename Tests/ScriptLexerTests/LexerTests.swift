import ScriptLexer
import Testing

private func kinds(_ source: String, jsx: Bool = false) throws -> [String] {
    let bytes = Array(source.utf8)
    return try Lexer.tokenize(bytes, jsx: jsx).map { token in
        let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        return "\(token.kind):\(text)"
    }
}

private func lexError(_ source: String, jsx: Bool = false) -> LexError? {
    do {
        _ = try Lexer.tokenize(source, jsx: jsx)
        return nil
    } catch {
        return error
    }
}

@Suite struct LexerTests {
    @Test func templateSubstitutionsAreLexedAsCode() throws {
        let source = "const s = `a ${ `b ${ {x: 1}.x } c` } d`; f()"
        #expect(try kinds(source) == [
            "identifier:const", "identifier:s", "punctuator:=",
            "templateHead:`a ${", "templateHead:`b ${", "punctuator:{", "identifier:x", "punctuator::", "number:1",
            "punctuator:}", "punctuator:.", "identifier:x", "templateTail:} c`", "templateTail:} d`", "punctuator:;",
            "identifier:f", "punctuator:(", "punctuator:)",
        ])
        #expect(try kinds("`a${x}b${y}c` `plain`") == [
            "templateHead:`a${", "identifier:x", "templateMiddle:}b${", "identifier:y", "templateTail:}c`", "template:`plain`",
        ])
    }

    @Test func braceInsideStringInsideSubstitutionDoesNotCloseIt() throws {
        #expect(try kinds("`${ \"}\" }` + 1") == ["templateHead:`${", "string:\"}\"", "templateTail:}`", "punctuator:+", "number:1"])
    }

    @Test func regexVersusDivision() throws {
        #expect(try kinds("a = b / c / d") == [
            "identifier:a", "punctuator:=", "identifier:b", "punctuator:/", "identifier:c", "punctuator:/", "identifier:d",
        ])
        #expect(try kinds("x = /[/}]+/g.test(y)") == [
            "identifier:x", "punctuator:=", "regex:/[/}]+/g", "punctuator:.", "identifier:test", "punctuator:(",
            "identifier:y", "punctuator:)",
        ])
        #expect(try kinds("return /a\\/b/i") == ["identifier:return", "regex:/a\\/b/i"])
        #expect(try kinds("f(x) / 2") == ["identifier:f", "punctuator:(", "identifier:x", "punctuator:)", "punctuator:/", "number:2"])
        #expect(try kinds("a[0] /= 2") == ["identifier:a", "punctuator:[", "number:0", "punctuator:]", "punctuator:/=", "number:2"])
    }

    @Test func commentsContainingBracesAndQuotes() throws {
        let source = "f({ // it's a { brace\n a: 1 /* } ' \" ` */ })"
        #expect(try kinds(source) == [
            "identifier:f", "punctuator:(", "punctuator:{", "comment:// it's a { brace", "identifier:a", "punctuator::",
            "number:1", "comment:/* } ' \" ` */", "punctuator:}", "punctuator:)",
        ])
    }

    @Test func linesAreCountedAcrossMultiLineTokens() throws {
        let tokens = try Lexer.tokenize("a\n`x\ny`\n/* 1\n2 */ b")
        #expect(tokens.map(\.line) == [1, 2, 4, 5])
    }

    @Test func stringsWithEscapes() throws {
        #expect(try kinds(#"'it\'s' "a\"b" 'line\"# + "\n" + #"cont'"#) == [
            #"string:'it\'s'"#, #"string:"a\"b""#, "string:'line\\\ncont'",
        ])
    }

    @Test func optionalChainingAndConditional() throws {
        #expect(try kinds("a?.b ?? c ? .5 : 1e-3") == [
            "identifier:a", "punctuator:?.", "identifier:b", "punctuator:??", "identifier:c", "punctuator:?",
            "number:.5", "punctuator::", "number:1e-3",
        ])
        #expect(try kinds("x?.5:1") == ["identifier:x", "punctuator:?", "number:.5", "punctuator::", "number:1"])
    }

    @Test func byteOrderMarkAndShebang() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("#!/usr/bin/env node\nx".utf8)
        let tokens = try Lexer.tokenize(bytes)
        #expect(tokens.map(\.kind) == [.comment, .identifier])
        #expect(tokens[1].start == bytes.count - 1)
        #expect(tokens[1].line == 2)
    }

    @Test func privateNamesAndUnicodeIdentifiers() throws {
        #expect(try kinds("this.#count = café") == [
            "identifier:this", "punctuator:.", "identifier:#count", "punctuator:=", "identifier:café",
        ])
    }

    @Test func jsxMarkupIsTokensAndItsContainersAreCode() throws {
        let source = "const el = <div className=\"a\" {...p}>it's {`x ${y}`} <br/><b>{n / 2}</b></div>; f(a / b)"
        #expect(try kinds(source, jsx: true) == [
            "identifier:const", "identifier:el", "punctuator:=",
            "jsxPart:<div className=\"a\" ", "punctuator:{", "punctuator:...", "identifier:p", "punctuator:}",
            "jsxPart:>it's ", "punctuator:{", "templateHead:`x ${", "identifier:y", "templateTail:}`", "punctuator:}",
            "jsxPart: <br/><b>", "punctuator:{", "identifier:n", "punctuator:/", "number:2", "punctuator:}",
            "jsx:</b></div>", "punctuator:;",
            "identifier:f", "punctuator:(", "identifier:a", "punctuator:/", "identifier:b", "punctuator:)",
        ])
        #expect(try kinds("<>frag</>", jsx: true) == ["jsx:<>frag</>"])
        #expect(try kinds("<a>{x}{y}</a>", jsx: true) == [
            "jsxPart:<a>", "punctuator:{", "identifier:x", "punctuator:}", "jsxPart:", "punctuator:{", "identifier:y", "punctuator:}",
            "jsx:</a>",
        ])
        // Comparison is still comparison, and a TSX generic arrow is not an element.
        #expect(try kinds("a < b", jsx: true) == ["identifier:a", "punctuator:<", "identifier:b"])
        #expect(try kinds("<T,>(x: T) => x", jsx: true).prefix(3) == ["punctuator:<", "identifier:T", "punctuator:,"])
    }

    @Test func anUnreadableSpanIsOpaqueAndTheRestIsRead() {
        let lexed = Lexer.read(Array("a = 'open\nb = 2".utf8))
        #expect(lexed.problems == [LexError(line: 1, message: "unterminated string")])
        let bytes = Array("a = 'open\nb = 2".utf8)
        #expect(lexed.tokens.map { "\($0.kind):" + String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == [
            "identifier:a", "punctuator:=", "opaque:'open", "identifier:b", "punctuator:=", "number:2",
        ])
    }

    @Test func jsxInAPlainFileIsReportedNotMisread() {
        #expect(lexError("const el = <p>it's</p>") != nil)
    }

    @Test func unreadableInputRaisesWithTheLine() {
        #expect(lexError("a\n'open") == LexError(line: 2, message: "unterminated string"))
        #expect(lexError("`${ a ") == LexError(line: 1, message: "unterminated template literal"))
        #expect(lexError("x\n/* never closed") == LexError(line: 2, message: "unterminated block comment"))
        #expect(lexError("a = /abc\n/") == LexError(line: 1, message: "unterminated regular expression"))
        #expect(lexError("<div", jsx: true) != nil)
    }

    @Test func hostileNestingIsRefusedNotACrash() {
        let deep = String(repeating: "`${", count: 2_000)
        #expect(lexError(deep)?.message == "nesting deeper than 512")
    }

    @Test func everyPrefixOfARealSourceLexesOrFailsCleanly() {
        let source = "import { FastMCP } from \"fastmcp\";\nconst s = new FastMCP({ name: `x${1}` });\ns.start({ transportType: \"httpStream\", httpStream: { port: 8080 } }); // done\n"
        let bytes = Array(source.utf8)
        for end in 0...bytes.count {
            _ = try? Lexer.tokenize(Array(bytes[..<end]))
        }
    }
}
