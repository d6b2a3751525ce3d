import Foundation
import Testing
import TestSupport

/// The documentation's Swift snippets are compiled from generated files (Tests/DocSnippets);
/// this fails when a document and its generated files differ, naming them.
@Suite struct SnippetDriftTests {
    @Test func theGeneratedSnippetsMatchTheDocuments() async throws {
        let root = PythonInterop.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/snippets.py").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        let text = String(decoding: await PythonInterop.readToEnd(output.fileHandleForReading), as: UTF8.self)
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        #expect(status == 0, "\(text)")
        #expect(text.hasPrefix("snippets: ") && text.contains(" files match their documents"), "\(text)")
    }
}
