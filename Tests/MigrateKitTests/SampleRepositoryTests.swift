import Foundation
import MigrateKit
import Testing

/// The embedded downstream samples (Examples/downstream), each turned into a git repository.
enum Samples {
    static let folder = PackageRoot.path + "/Examples/downstream"
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
}

@Suite struct SampleRepositoryTests {
    @Test func thereAreAtLeastTwelveSamples() {
        #expect(Samples.names.count >= 12)
        for required in ["fastmcp-inline", "fastmcp-options-variable", "fastmcp-stateless-false", "mcp-proxy-cors",
                         "express-cors-headers", "fastmcp-monorepo", "fastmcp-multi-module", "swift-facade", "swift-hosting", "python-fastmcp",
                         "hono-webstandard", "sdk-express-stateful"] {
            #expect(Samples.names.contains(required))
        }
    }

    /// `patches/<sample>.patch` is exactly what `migrate plan` prints, and `<sample>.bump.patch`
    /// what `migrate plan --bump` prints when that differs. Regenerate with scripts/regenerate-patches.sh.
    @Test(arguments: Samples.names)
    func committedPatchesAreByteIdenticalToTheRegeneratedOnes(sample: String) throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        let plan = try PlanRenderer.render(try temp.inspect())
        let committed = try String(contentsOfFile: "\(PackageRoot.path)/patches/\(sample).patch", encoding: .utf8)
        #expect(plan == committed, "patches/\(sample).patch is stale: run scripts/regenerate-patches.sh and review the diff")
        let bumped = try PlanRenderer.render(try temp.inspect(bump: true))
        let bumpPath = "\(PackageRoot.path)/patches/\(sample).bump.patch"
        if bumped != plan {
            #expect(bumped == (try? String(contentsOfFile: bumpPath, encoding: .utf8)), "patches/\(sample).bump.patch is stale")
        } else {
            #expect(!FileManager.default.fileExists(atPath: bumpPath), "patches/\(sample).bump.patch is not needed")
        }
    }

    @Test(arguments: Samples.names)
    func applyThenVerifyLeavesNoWorkAndThePatchIsApplied(sample: String) throws {
        let temp = try TemporaryRepository(copying: "\(Samples.folder)/\(sample)")
        let patchName = FileManager.default.fileExists(atPath: "\(PackageRoot.path)/patches/\(sample).bump.patch") ? "\(sample).bump.patch" : "\(sample).patch"
        let patch = try String(contentsOfFile: "\(PackageRoot.path)/patches/\(patchName)", encoding: .utf8)
        let hasEdits = patch.contains("diff --git")
        #expect(try temp.repository.patchState(patch) == (hasEdits ? .applies : .alreadyApplied))

        let result = try Applier().apply(try temp.inspect(bump: true), to: temp.repository, branch: "migrate/stateless", author: nil)
        #expect(result.files.isEmpty == !hasEdits)
        let after = try temp.inspect()
        #expect(after.report.sites(.apply).isEmpty)
        // Lockfiles are never edited: where --bump raised a range, what remains waits for the install.
        for site in after.report.sites(.blocked) {
            #expect(site.reason.contains("run `npm install`"), "\(site.file):\(site.line) \(site.reason)")
        }
        #expect(after.report.sites(.blocked).isEmpty == !patchName.hasSuffix(".bump.patch"))
        #expect(try temp.repository.patchState(patch) == .alreadyApplied)
        #expect(try temp.repository.dirtyPaths().isEmpty)
    }
}
