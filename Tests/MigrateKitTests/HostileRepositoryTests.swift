import Foundation
@testable import MigrateKit
import Testing

private let server = MinimalServer.source
private let manifest = MinimalServer.manifest

/// Repositories made to be awkward: migrate never hangs, never blows up, never trusts a file
/// name, never writes through a link, and never goes silent on a server it could not read.
@Suite struct HostileRepositoryTests {
    func unreadable(_ inspection: Inspection, _ path: String) -> String? {
        inspection.report.findings.first { $0.file == path && $0.kind == "unreadable" }?.advice
    }

    @Test func aFIFOWhereGitHasAFileIsReportedNotOpened() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/server.ts": server])
        try FileManager.default.removeItem(atPath: temp.root + "/src/server.ts")
        #expect(mkfifo(temp.root + "/src/server.ts", 0o644) == 0)
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        #expect(unreadable(inspection, "src/server.ts") == "a FIFO (named pipe) in the work tree, where git has a file: not read")
        #expect(temp.snapshot() == before)
    }

    @Test func anOversizedSourceThatMentionsTheServerIsReportedNotParsed() throws {
        var big = server
        let line = String(repeating: "const x = { a: { b: { c: [1, 2, 3] } } };\n", count: 1)
        while big.utf8.count <= CandidateFiles.maximumParsedSize { big += String(repeating: line, count: 4096) }
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/huge.ts": big])
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        _ = try Applier().apply(inspection, to: temp.repository, branch: nil, author: nil)
        #expect(temp.snapshot() == before)
        let advice = try #require(unreadable(inspection, "src/huge.ts"))
        #expect(advice == "\(big.utf8.count) bytes, too large to read safely (limit 2097152): not parsed or edited; check it by hand")
        #expect(inspection.report.sites.filter { $0.file == "src/huge.ts" }.isEmpty)
    }

    @Test func fileNamesWithEscapeSequencesArePrintedEscaped() throws {
        let name = "src/\u{1B}[31mRED\u{1B}[0m\u{1B}]0;TITLE\u{07}\n.ts"
        let temp = try TemporaryRepository(files: ["package.json": manifest, name: server])
        let before = temp.snapshot()
        let text = InspectionText.render(try temp.inspect().report)
        #expect(temp.snapshot() == before)
        #expect(text.contains(#"src/\x1B[31mRED\x1B[0m\x1B]0;TITLE\x07\x0A.ts"#), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aFullRefIsNotABranchName() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/server.ts": server])
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        let error = #expect(throws: GitError.self) {
            try Applier().apply(inspection, to: temp.repository, branch: "refs/heads/main", author: .init(name: "T", email: "t@example.com"))
        }
        #expect(error?.description.contains("refs/heads/main is not a branch name: give the branch name alone (main), not a full ref (refs/heads/main)") == true)
        #expect(temp.snapshot() == before)
        for bad in ["-x", "a..b", "a b", "x.lock", "a/.b", "HEAD", "x~1", "@{u}"] {
            #expect(GitRepository.branchNameProblem(bad) != nil, "\(bad)")
        }
        #expect(GitRepository.branchNameProblem("migrate/stateless") == nil)
    }

    @Test func aSymlinkedOrUTF16ServerIsReportedAndFailsVerify() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in server.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let temp = try TemporaryRepository(files: ["package.json": manifest, "lib/real.js": "// no server here\n"])
        try temp.write("src/wide.ts", utf16)
        #expect(symlink("../lib/real.js", temp.root + "/src/linked.ts") == 0)
        try FileManager.default.createDirectory(atPath: temp.root + "/outside-target", withIntermediateDirectories: true)
        try temp.repository.commit(paths: ["src/wide.ts", "src/linked.ts"], message: "odd files", identity: .init(name: "T", email: "t@example.com"))
        // The link's target gains a server after the commit (as a generated file might).
        try temp.write("lib/real.js", server)
        try temp.repository.commit(paths: ["lib/real.js"], message: "server", identity: .init(name: "T", email: "t@example.com"))
        let before = temp.snapshot()
        let inspection = try temp.inspect()
        #expect(unreadable(inspection, "src/wide.ts") == "saved as UTF-16, not UTF-8: not parsed or edited; convert it to UTF-8 or check it by hand")
        #expect(unreadable(inspection, "src/linked.ts") == "a symbolic link to lib/real.js: migrate never reads or edits through links; check the target by hand")
        #expect(inspection.edits["src/linked.ts"] == nil)
        let verify = try MigrateCLI.run(["verify", temp.root])
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("unreadable: src/wide.ts:1 saved as UTF-16"))
        #expect(temp.snapshot() == before)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to make a repository owned by another user"))
    func aRepositoryOfAnotherUserIsNamedAsSuchAndKeepsItsOwner() throws {
        let temp = try TemporaryRepository(files: ["package.json": manifest, "src/server.ts": server])
        let stranger: uid_t = 12345
        let enumerator = FileManager.default.enumerator(atPath: temp.root)
        #expect(chown(temp.root, stranger, stranger) == 0)
        while let relative = enumerator?.nextObject() as? String { _ = lchown(temp.root + "/" + relative, stranger, stranger) }
        let error = #expect(throws: GitError.self) { _ = try GitRepository(discoveringFrom: temp.root) }
        #expect(error?.description.contains("owned by another user (uid 12345); pass --allow-other-owner if you trust it") == true)
        let trusted = try GitRepository(discoveringFrom: temp.root, allowOtherOwner: true)
        defer { LibGit2.setOwnerValidation(true) }
        let inspection = try Inspector().inspect(trusted)
        _ = try Applier().apply(inspection, to: trusted, branch: nil, author: nil)
        var info = stat()
        #expect(stat(temp.root + "/src/server.ts", &info) == 0)
        #expect(info.st_uid == stranger && info.st_gid == stranger)
        #expect(temp.text("src/server.ts").contains("stateless: true"))
    }
}
