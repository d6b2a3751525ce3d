import Foundation
import ScriptLexer
import ScriptSyntax
import Testing

/// Every script in the repository's examples and migrate fixtures, as real-world input.
private func corpus() throws -> [(path: String, bytes: [UInt8])] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let extensions: Set<String> = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]
    var files: [(String, [UInt8])] = []
    for folder in ["Examples/downstream", "Tests/MigrateKitTests/Fixtures"] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
        for case let url as URL in walker where extensions.contains(url.pathExtension) && !url.path.contains("node_modules") {
            files.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), Array(try Data(contentsOf: url))))
        }
    }
    return files.sorted { $0.0 < $1.0 }
}

/// Checks that top-level statements tile the tokens and every node lies inside its statement;
/// returns the first violation.
func rangeViolation(_ tree: SyntaxTree) -> String? {
    var next = 0
    for statement in tree.statements {
        guard statement.range.lowerBound == next, statement.range.upperBound > next else {
            return "statement at \(statement.range) does not continue from token \(next)"
        }
        next = statement.range.upperBound
        var violation: String?
        let outer = statement.range
        func check(_ range: Range<Int>, _ what: String) {
            if violation == nil, range.lowerBound < outer.lowerBound || range.upperBound > outer.upperBound {
                violation = "\(what) at \(range) outside its statement \(outer)"
            }
        }
        SyntaxWalker(statement: { check($0.range, "statement") }, expression: { e in
            check(e.range, "expression")
            if e.range.isEmpty, violation == nil { violation = "empty expression at \(e.range)" }
        }).walk(statement)
        if let violation { return violation }
    }
    return next == tree.tokens.count ? nil : "statements end at token \(next) of \(tree.tokens.count)"
}

/// The source rebuilt from the statements' byte ranges and the trivia between them.
func rebuilt(_ tree: SyntaxTree) -> (text: [UInt8], triviaOnly: Bool) {
    var out: [UInt8] = []
    var cursor = 0
    var triviaOnly = true
    for statement in tree.statements {
        let bytes = tree.byteRange(statement.range)
        let gap = tree.bytes[cursor..<bytes.lowerBound]
        let comments = tree.comments.filter { $0.start >= cursor && $0.end <= bytes.lowerBound }
        var stripped = Array(gap)
        for c in comments.reversed() { stripped.removeSubrange((c.start - cursor)..<(c.end - cursor)) }
        if stripped.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) {
            triviaOnly = false
        }
        out += gap
        out += tree.bytes[bytes]
        cursor = bytes.upperBound
    }
    out += tree.bytes[cursor...]
    return (out, triviaOnly)
}

@Suite struct CorpusTests {
    @Test func everyExampleAndFixtureScriptParsesWithNoOpaqueNode() throws {
        let files = try corpus()
        #expect(files.count >= 40)
        for (path, bytes) in files {
            let tree = SyntaxTree(bytes: bytes, dialect: Dialect(path: path))
            if path.contains("/unreadable-") {
                // Fixtures that are broken on purpose: they must say so.
                #expect(!tree.problems.isEmpty, "\(path)")
            } else {
                #expect(tree.problems.isEmpty, "\(path): \(tree.problems)")
            }
            #expect(rangeViolation(tree) == nil, "\(path): \(rangeViolation(tree) ?? "")")
            let (text, triviaOnly) = rebuilt(tree)
            #expect(text == bytes && triviaOnly, "\(path): ranges do not round-trip")
        }
    }

    @Test func everyPrefixOfARealServerParsesWithoutCrashingAndKeepsItsRanges() throws {
        let source = try #require(try corpus().first { $0.path.hasSuffix(".ts") && $0.bytes.count > 400 })
        let bytes = source.bytes.prefix(3_000)
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            let tree = SyntaxTree(bytes: Array(bytes.prefix(cut)), dialect: .typeScript)
            #expect(rangeViolation(tree) == nil, "prefix \(cut): \(rangeViolation(tree) ?? "")")
        }
    }
}
