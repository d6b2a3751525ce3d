import Foundation
import MigrateKit
import Testing

/// One before/after fixture: `Fixtures/<recipe>/<name>.before.<ext>` (first line
/// `// expect: <outcome>, …` lists the recipe's outcomes in line order) and, when the recipe
/// edits, `<name>.after.<ext>`.
struct Fixture: Sendable, CustomTestStringConvertible {
    var recipe: String
    var name: String
    var ext: String
    var before: String
    var after: String?

    var testDescription: String { "\(recipe)/\(name).\(ext)" }

    var expectedOutcomes: [String] {
        let first = before.split(separator: "\n", maxSplits: 1).first ?? ""
        return first.replacingOccurrences(of: "// expect:", with: "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static let all: [Fixture] = {
        let folder = PackageRoot.path + "/Tests/MigrateKitTests/Fixtures"
        var fixtures: [Fixture] = []
        for recipe in (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? [] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(recipe)"))?.sorted() ?? []
            for file in names where file.contains(".before.") {
                let parts = file.components(separatedBy: ".before.")
                let afterName = "\(parts[0]).after.\(parts[1])"
                fixtures.append(Fixture(
                    recipe: recipe, name: parts[0], ext: parts[1],
                    before: try! String(contentsOfFile: "\(folder)/\(recipe)/\(file)", encoding: .utf8),
                    after: names.contains(afterName) ? try! String(contentsOfFile: "\(folder)/\(recipe)/\(afterName)", encoding: .utf8) : nil))
            }
        }
        return fixtures
    }()
}

@Suite struct RecipeFixtureTests {
    @Test func thereAreFixturesForEveryEditingRecipe() {
        #expect(Set(Fixture.all.map(\.recipe)) == ["stateless-opt-in", "cors-headers"])
        #expect(Fixture.all.count >= 30)
    }

    @Test(arguments: Fixture.all)
    func fixture(_ fixture: Fixture) throws {
        let path = fixture.ext == "swift" ? "Sources/App/\(fixture.name).swift" : "src/\(fixture.name).\(fixture.ext)"
        let temp = try TemporaryRepository(files: [
            "package.json": #"{ "dependencies": { "fastmcp": "^4.6.0", "mcp-proxy": "^6.6.0" } }"#,
            path: fixture.before,
        ])
        let inspection = try temp.inspect()
        let sites = inspection.report.sites.filter { $0.file == path && $0.recipe.rawValue == fixture.recipe }
        #expect(sites.map(\.outcome.rawValue) == fixture.expectedOutcomes, "\(sites.map { "\($0.line): \($0.reason)" })")
        for site in sites { #expect(!site.reason.isEmpty) }

        let edited = try inspection.editedFiles().first { $0.path == path }
        let result = edited.map { String(decoding: $0.new, as: UTF8.self) } ?? fixture.before
        #expect(result == (fixture.after ?? fixture.before))

        if fixture.name.hasPrefix("unreadable") {
            #expect(inspection.report.findings.contains { $0.file == path && $0.kind == "unreadable" })
        }
    }
}
