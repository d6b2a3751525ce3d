import Foundation
import FoundationXML
@testable import MigrateKit
import ReportText
import Testing

/// Values from outside in every report format: a hostile file name can neither plant a line in
/// a JUnit file (a CI log printing it would run `::error` as a workflow command) nor make the
/// XML invalid, nor drive the terminal.
@Suite struct ReportTextTests {
    static let hostile = "a\n::error title=planted::boom\r\tx\u{1B}[31m\u{07}\u{FFFE}\u{FFFF}\u{85}<&>\"'"

    @Test func xmlValuesKeepEveryBreakAsAReferenceAndDropWhatXMLCannotHold() throws {
        let encoded = XMLText.escaped(Self.hostile)
        #expect(encoded == #"a&#10;::error title=planted::boom&#13;&#9;x\x1B[31m\x07\x85&lt;&amp;&gt;&quot;&apos;"#)
        let document = try XMLDocument(xmlString: #"<r v="\#(encoded)">\#(encoded)</r>"#)
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "v")?.stringValue == "a\n::error title=planted::boom\r\tx\\x1B[31m\\x07\\x85<&>\"'")
    }

    @Test func terminalTextEscapesEveryControlCharacter() {
        #expect(TerminalText.escaped("ok") == "ok")
        #expect(TerminalText.escaped("a\u{1B}]0;T\u{07}b\u{9B}c\u{7F}") == #"a\x1B]0;T\x07b\x9Bc\x7F"#)
    }

    @Test func aHostileFileNameStaysOneValueInVerifysJUnit() throws {
        let name = "src/a\n::error title=planted::boom\u{FFFF}.ts"
        let temp = try TemporaryRepository(files: ["package.json": MinimalServer.manifest, name: MinimalServer.source])
        let verify = try MigrateCLI.run(["verify", temp.root, "--format", "junit"])
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        let lines = verify.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("::") }, "a line of the JUnit file begins with input: \(verify.stdout)")
        #expect(verify.stdout.contains("src/a&#10;::error title=planted::boom.ts"), "\(verify.stdout)")
        let document = try XMLDocument(xmlString: verify.stdout)
        let names = try document.nodes(forXPath: "//testcase/@name").compactMap(\.stringValue)
        #expect(names.contains("src/a\n::error title=planted::boom.ts:3"), "\(names)")
    }
}
