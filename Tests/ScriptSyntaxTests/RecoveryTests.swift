import Foundation
import ScriptLexer
import ScriptSyntax
import Testing

@Suite struct RecoveryTests {
    @Test func aBrokenStatementIsOpaqueAndTheNextOnesAreRead() {
        let source = """
        const a = ;
        server.start({ transportType: "httpStream" });
        """
        #expect(sketch(source) == """
        OPAQUE(const a = ;)
        call(server.start, [{transportType: "httpStream"}])
        PROBLEM line 1: unexpected `;`
        """)
    }

    @Test func aBrokenPropertyIsOpaqueAndItsNeighboursAreRead() {
        #expect(sketch("f({ a: 1, b: : 2, c: 3 }, x y, z);") == """
        call(f, [{a: 1, OPAQUE(b: : 2), c: 3}, OPAQUE(x y), z])
        PROBLEM line 1: unexpected `:`
        PROBLEM line 1: expected `,`, found `y`
        """)
    }

    @Test func aLexerErrorIsOpaqueUpToTheLineEnd() {
        let source = "const s = 'never closed\nserver.start({ transportType: \"httpStream\" });"
        #expect(sketch(source) == """
        const s = OPAQUE('never closed)
        call(server.start, [{transportType: "httpStream"}])
        PROBLEM line 1: unterminated string
        """)
    }

    @Test func unbalancedBracketsStayInsideTheirStatement() {
        let source = """
        function broken() {
          if (x { return 1 }
        }
        server.start({ transportType: "httpStream" });
        """
        let tree = SyntaxTree(source: source, dialect: .typeScript)
        #expect(!tree.problems.isEmpty)
        #expect(rangeViolation(tree) == nil)
        let last = Sketch(tree: tree).of(tree.statements.last!)
        #expect(last == #"call(server.start, [{transportType: "httpStream"}])"#)
        #expect(sketch("a);\nb();") == "OPAQUE(a);)\ncall(b, [])\nPROBLEM line 1: expected `;` or a line break, found `)`")
        // An unclosed `(` is stepped over as one token: the statement ends at its `;`, the next is read.
        #expect(sketch("foo(1;\nbar();") == "OPAQUE(foo(1;)\ncall(bar, [])\nPROBLEM line 1: unclosed `(`")
    }

    @Test func pathologicalNestingIsOpaqueNotAStackOverflow() {
        for (open, close) in [("(", ")"), ("[", "]"), ("{a:", "}"), ("f(", ")"), ("!", ""), ("a=", ""), ("x=>", ""), ("-", ""), ("a?b:", "")] {
            let source = "const v = " + String(repeating: open, count: 5_000) + "1" + String(repeating: close, count: 5_000) + ";\nafter();"
            let tree = SyntaxTree(source: source, dialect: .typeScript)
            #expect(tree.problems.contains { $0.message.contains("nesting deeper than") }, "\(open)")
            #expect(rangeViolation(tree) == nil, "\(open): \(rangeViolation(tree) ?? "")")
            let sketchOfLast = Sketch(tree: tree).of(tree.statements.last!)
            #expect(sketchOfLast == "call(after, [])", "\(open): \(sketchOfLast.prefix(200))")
        }
        // Past the lexer's limit of 512 open template substitutions nothing after can be placed:
        // the rest is one opaque span with its reason.
        let templates = SyntaxTree(source: "x = " + String(repeating: "`${", count: 5_000) + "1" + String(repeating: "}`", count: 5_000), dialect: .typeScript)
        #expect(templates.problems.map(\.message).contains("nesting deeper than 512"))
        #expect(rangeViolation(templates) == nil)
        let types = "let t: " + String(repeating: "Array<", count: 3_000) + "x" + String(repeating: ">", count: 3_000) + ";\nafter();"
        let tree = SyntaxTree(source: types, dialect: .typeScript)
        #expect(Sketch(tree: tree).of(tree.statements.last!) == "call(after, [])")
    }

    @Test func speculationDoesNotGoQuadratic() {
        // Each `<` could open type arguments; each `(…):` could head an arrow.
        let comparisons = "x = " + Array(repeating: "a < b", count: 20_000).joined(separator: " && ") + ";"
        let tree = SyntaxTree(source: comparisons, dialect: .typeScript)
        #expect(tree.problems.isEmpty)
        let chained = "x = " + String(repeating: "a < ", count: 20_000) + "b;"
        #expect(SyntaxTree(source: chained, dialect: .typeScript).statements.count == 1)
        let conditionals = "x = " + Array(repeating: "c ? (a) : b", count: 5_000).joined(separator: " ? 1 : ") + ";"
        #expect(SyntaxTree(source: conditionals, dialect: .typeScript).statements.count == 1)
    }
}

extension RecoveryTests {
    /// Found by the fuzzer: dozens of unclosed `[` once made every level read to the end and the
    /// level above read the rest again (14 s for 823 bytes).
    @Test func unclosedBracketsAreReadOnce() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs/unclosed-brackets.ts")
        let bytes = Array(try Data(contentsOf: url))
        var big: [UInt8] = []
        while big.count < 200_000 { big += bytes }
        let tree = SyntaxTree(bytes: big, dialect: .typeScript)
        #expect(!tree.problems.isEmpty)
        #expect(rangeViolation(tree) == nil)
        let line = String(repeating: "[", count: 2_000) + "\nconst s = 1;\nserver.start({ transportType: \"httpStream\" });"
        let last = SyntaxTree(source: line, dialect: .typeScript)
        #expect(Sketch(tree: last).of(last.statements.last!) == #"call(server.start, [{transportType: "httpStream"}])"#)
    }
}
