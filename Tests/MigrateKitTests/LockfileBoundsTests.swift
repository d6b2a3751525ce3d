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

/// The npm lockfile reader keeps names and versions only, and still refuses what is not JSON.
@Suite struct NPMLockfileReaderTests {
    @Test func itReadsWhatTheVersionChecksUseAndSkipsTheRest() throws {
        let text = #"""
            { "name": "x", "lockfileVersion": 3, "requires": true, "nested": [[], {}, [1, -2.5e3, "a\"b", null, true, false, {"k": [{}]}]],
              "packages": {
                "": {"name": "root", "dependencies": {"fastmcp": "^3.0.0"}, "version": "0.0.1"},
                "node_modules/fastmcp": {"resolved": "https://r/x.tgz", "integrity": "sha512-a", "version": "3.22.0",
                  "dependencies": {"y": "1"}, "engines": {"node": ">=18"}, "bin": {"f": "b.js"}},
                "node_modules/@scope/\u0078": {"version": "1.0.0"},
                "node_modules/no-version": {"dev": true},
                "node_modules/odd": "not an object"
              },
              "dependencies": {"fastmcp": {"version": "3.22.0", "dependencies": {"deep": {"version": "2.0.0"}}}}
            }
            """#
        let reader = try NPMLockfileReader(Array(text.utf8))
        let packages = try #require(reader.packages)
        #expect(packages.map(\.key) == ["", "node_modules/fastmcp", "node_modules/@scope/x"])
        #expect(packages.map(\.version) == ["0.0.1", "3.22.0", "1.0.0"])
        let tree = try #require(reader.dependencies)
        #expect(tree.map(\.name) == ["fastmcp"])
        #expect(tree.first?.nested.first?.name == "deep")
        #expect(tree.first?.nested.first?.version == "2.0.0")
    }

    @Test func whatIsNotJSONIsRefused() {
        for text in [
            "", "[]", "{", #"{"a": }"#, #"{"a": 1,}"#, #"{"a": [1, 2}"#, #"{"a": "b"} x"#, #"{"a": tru}"#, #"{"a": "\q"}"#,
            "{\"a\": \"line\nbreak\"}", #"{"packages": {"x": {"version": 1}"#,
            #"{"a": 1-2e}"#, #"{"a": --1}"#, #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": .5}"#, #"{"a": 1e+}"#, #"{"a": -}"#,
        ] {
            #expect(throws: NPMLockfileReader.Invalid.self, "\(text)") { try NPMLockfileReader(Array(text.utf8)) }
        }
        #expect(throws: Never.self) { try NPMLockfileReader(Array(#" {"a": {"b": [[[]]], "c": -0.5E+2, "d": [0, 10, -0, 1e5, 2.25e-3]}} "#.utf8)) }
    }

    /// A lockfile just under the cap (64 MiB), inspected by the real `migrate` in a process of
    /// its own: its peak RSS stays under 4 times the file (JSONSerialization took about 19 times:
    /// 1.08 GB for 57 MiB), and the version it pins is read.
    @Test func aLockfileAtTheCapIsReadInBoundedMemory() throws {
        var bytes = Array(#"{"lockfileVersion": 3, "packages": {"": {"name": "root"}, "node_modules/fastmcp": {"version": "4.7.1"}"#.utf8)
        bytes.reserveCapacity(CandidateFiles.lockfileCap)
        let integrity = String(repeating: "A", count: 86)
        var count = 0
        while bytes.count < CandidateFiles.lockfileCap - 4096 {
            let i = count
            bytes += #", "node_modules/pkg-\#(i)/node_modules/dep-\#(i % 977)": {"version": "1.\#(i % 50).\#(i % 7)", "resolved": "https://registry.example/pkg-\#(i)/-/pkg-\#(i)-1.0.0.tgz", "integrity": "sha512-\#(integrity)==", "license": "MIT", "dependencies": {"x0": "^1.0.0", "x1": "^1.0.0", "x2": "^1.0.0"}}"#.utf8
            count += 1
        }
        bytes += Array("}}".utf8)
        let temp = try TemporaryRepository(files: [
            "package.json": MinimalServer.manifest, "src/server.ts": MinimalServer.source, "package-lock.json": "{}",
        ])
        try temp.write("package-lock.json", bytes)
        // Python's getrusage reads the child's peak RSS once it has exited.
        let measure = Process()
        measure.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        measure.arguments = [
            "python3", "-c",
            "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024); sys.stdout.write(r.stdout.decode())",
            MigrateCLI.path, "inspect", temp.root, "--json",
        ]
        let out = Pipe()
        measure.standardOutput = out
        try measure.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        measure.waitUntilExit()
        let first = text.prefix { $0 != "\n" }.split(separator: " ")
        #expect(first.first == "0", "\(text.prefix(500))")
        let peak = Int(first.last ?? "") ?? .max
        #expect(peak < 4 * bytes.count, "peak RSS \(peak / 1_048_576) MiB for \(bytes.count / 1_048_576) MiB")
        #expect(text.contains("fastmcp 4.7.1 (from package-lock.json)"), "\(text.prefix(2000))")
    }
}
