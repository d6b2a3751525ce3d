import Foundation
import MCPAcceptance
import Testing
import TestSupport

@Suite struct DocumentationTests {
    @Test func everyCaseIsDocumentedWithItsRationale() throws {
        let document = try String(contentsOf: PythonInterop.packageRoot.appendingPathComponent("docs/acceptance.md"), encoding: .utf8)
        for testCase in AcceptanceSuite.cases {
            #expect(document.contains("| `\(testCase.id)` | \(testCase.rationale) |"), "\(testCase.id) is missing from docs/acceptance.md")
        }
        let ids = AcceptanceSuite.cases.map(\.id)
        #expect(Set(ids).count == ids.count, "case ids are unique")
        #expect(ids.allSatisfy { $0.split(separator: ".").count == 2 })
    }
}
