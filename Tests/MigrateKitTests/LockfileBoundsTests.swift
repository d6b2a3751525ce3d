import Foundation
@testable import MigrateKit
import Testing

/// Lockfiles and manifests are read within bounds: a YAML alias bomb is refused unread, a file
/// over its cap is never truncated into a parse error, and either way the versions are unknown,
/// so `verify` fails instead of passing on the declared ranges.
@Suite struct LockfileBoundsTests {
    /// A 1 KB pnpm lockfile whose aliases expand to 10⁹ nodes (Yams.load grew by 100 MB/s on it).
    static let pnpmBomb: String = {
        var text = "lockfileVersion: '9.0'\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (index, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = index == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h", "i"][index - 1]
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
        }
        return text + "importers:\n  .:\n    dependencies:\n      fastmcp: *i\n"
    }()

    /// A berry `yarn.lock` with a block-style alias chain.
    static let berryBomb = """
        __metadata:
          version: 8
        "a@npm:1": &a
          version: 1.0.0
          x: [*a, *a]
        "fastmcp@npm:^3.0.0":
          version: 3.22.0
          dependencies: *a

        """

    @Test func aYAMLAliasBombIsRefusedUnread() throws {
        #expect(Self.pnpmBomb.utf8.count < 1100)
        for (path, text, line) in [("pnpm-lock.yaml", Self.pnpmBomb, 2), ("yarn.lock", Self.berryBomb, 3)] {
            #expect {
                try Lockfile(path: path, bytes: Array(text.utf8))
            } throws: { error in
                (error as? MigrateError)?.message
                    == "\(path) uses a YAML anchor or alias (line \(line)), which pnpm and yarn never write: refused unread (an alias can expand without end)"
            }
        }
    }

    @Test func anchorsAndAliasesAreFoundOnlyWhereANodeStarts() {
        let clean = """
            lockfileVersion: '9.0'
            importers:
              .:
                dependencies:
                  a&b: {specifier: '*', version: "*x"}   # a comment: *not-an-alias &nor-an-anchor
                  'x*y': [ 'z', "*" ]
            packages:
              /q@1.0.0(peer@2.0.0):
                resolution: {integrity: sha512-a*b&c==}
                description: |
                  * a block scalar may start a line with a star
                  & or an ampersand
            """
        #expect(LockfileYAML.firstAnchorOrAlias(Array(clean.utf8)) == nil)
        for (text, line) in [("a: *b\n", 1), ("x: 1\n- *b\n", 2), ("a: [1, *b]\n", 1), ("a: {k: *b}\n", 1), ("a: !!str &x v\n", 1), ("? *k\n", 1), ("a: &x\n", 1)] {
            #expect(LockfileYAML.firstAnchorOrAlias(Array(text.utf8)) == line, "\(text)")
        }
    }

    @Test func anAliasFreeLockfileStillReads() throws {
        let lock = try Lockfile(path: "pnpm-lock.yaml", bytes: Array("""
            lockfileVersion: '9.0'
            importers:
              .:
                dependencies:
                  fastmcp:
                    specifier: ^3.10.0
                    version: 3.10.0
            """.utf8))
        #expect(lock.resolved("fastmcp", workspace: "", range: nil) == SemanticVersion(3, 10, 0))
    }

    func expectVerifyFails(_ temp: TemporaryRepository, _ path: String, _ advice: String) throws {
        let inspection = try temp.inspect()
        let finding = inspection.report.findings.first { $0.file == path && $0.kind == "unreadable" }
        #expect(finding?.advice == advice)
        let verify = try MigrateCLI.run(["verify", temp.root], limit: .seconds(120))
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("unreadable: \(path):1"), "\(verify.stdout)")
    }

    @Test func aLockfileBombFailsVerify() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": MinimalServer.manifest, "src/server.ts": MinimalServer.source, "pnpm-lock.yaml": Self.pnpmBomb,
        ])
        try expectVerifyFails(
            temp, "pnpm-lock.yaml",
            "pnpm-lock.yaml uses a YAML anchor or alias (line 2), which pnpm and yarn never write: refused unread (an alias can expand without end); the versions it pins are unknown, so verify fails until it can be read")
    }

    @Test func aLockfileOverItsCapIsUnreadableNotTruncated() throws {
        let temp = try TemporaryRepository(files: [
            "package.json": MinimalServer.manifest, "src/server.ts": MinimalServer.source, "package-lock.json": #"{"lockfileVersion": 3, "packages": {}}"#,
        ])
        // Grown in the work tree (sparse: no 65 MiB written): tracked, and over the 64 MiB cap.
        let size = CandidateFiles.lockfileCap + 1
        #expect(truncate(temp.root + "/package-lock.json", off_t(size)) == 0)
        try expectVerifyFails(
            temp, "package-lock.json",
            "\(size) bytes, over the 64 MiB migrate reads for a lockfile: not read, so the versions it pins are unknown")
    }

    @Test func aManifestOverItsCapIsUnreadable() throws {
        let temp = try TemporaryRepository(files: ["package.json": MinimalServer.manifest, "src/server.ts": MinimalServer.source])
        let size = CandidateFiles.manifestCap + 1
        #expect(truncate(temp.root + "/package.json", off_t(size)) == 0)
        let inspection = try temp.inspect()
        let finding = inspection.report.findings.first { $0.file == "package.json" && $0.kind == "unreadable" }
        #expect(finding?.advice == "\(size) bytes, over the 4 MiB migrate reads for a package.json: not read, so its dependencies are not checked")
    }
}
