@testable import MigrateKit
import Testing

@Suite struct FileClassifierTests {
    @Test(arguments: [
        ("src/server.ts", FileClassifier.Role.source),
        ("server.ts", .source),
        ("packages/a/node_modules/fastmcp/dist/index.js", .skipped),
        ("dist/index.js", .skipped),
        ("src/types.d.ts", .skipped),
        ("public/app.min.js", .skipped),
        ("src/app.js.map", .skipped),
        ("test/server.ts", .test),
        ("src/__tests__/a.ts", .test),
        ("src/server.test.ts", .test),
        ("src/server.spec.mts", .test),
        ("Tests/AppTests/ServerTests.swift", .test),
        ("Sources/App/ServerTests.swift", .test),
        ("src/testing.ts", .source),
        ("src/latest/contest.ts", .source),
        ("src/dist.ts", .source),
        ("vendor/lib.js", .skipped),
        ("café/ünïcode/test/x.ts", .test),
    ])
    func roles(path: String, role: FileClassifier.Role) {
        #expect(FileClassifier.role(of: path) == role)
    }
}

extension FileClassifierTests {
    @Test func theNeedleSearchFindsNeedlesAnywhereAndNothingElse() {
        let needles = CandidateFiles.scriptNeedles
        func mentions(_ text: String) -> Bool { FileClassifier.mentions(Array(text.utf8), needles) }
        #expect(mentions("fastmcp"))
        #expect(mentions("import x from \"mcp-proxy\""))
        #expect(mentions(String(repeating: "a", count: 100_000) + "Access-Control"))
        #expect(mentions("res.setHeader(\"access-control-allow-headers\", …)"))
        #expect(!mentions(""))
        #expect(!mentions("fastmc"))
        #expect(!mentions("FastMCP without the package name, Access-Contro"))
        #expect(!mentions(String(repeating: "fastmc", count: 10_000)))
    }
}
