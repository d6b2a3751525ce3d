import Testing
import TestSupport

/// The documentation's Swift snippets are compiled from generated files (Tests/DocSnippets);
/// this fails when a document and its generated files differ, naming them.
@Suite struct SnippetDriftTests {
    @Test func theGeneratedSnippetsMatchTheDocuments() async throws {
        let script = PythonInterop.packageRoot.appendingPathComponent("scripts/snippets.py").path
        let run = try await TestProcess.run("/usr/bin/env", ["python3", script, "--check"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("snippets: ") && run.stdout.contains(" files match their documents"), "\(run.stdout)\(run.stderr)")
    }
}
