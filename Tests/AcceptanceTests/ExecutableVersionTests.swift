import Foundation
import MCPCore
import Testing
import TestSupport

/// One version everywhere: each executable this package builds prints ``PackageVersion/current``
/// for `--version`, and a server's `serverInfo` carries it.
@Suite struct ExecutableVersionTests {
    static let binaries = PythonInterop.packageRoot.appendingPathComponent(".build/debug")

    @Test(arguments: ["migrate", "mcp-stateless-proxy", "mcp-example", "mcp-notes-example", "mcp-mounted-example"])
    func everyExecutablePrintsThePackageVersion(executable: String) async throws {
        let process = Process()
        process.executableURL = Self.binaries.appendingPathComponent(executable)
        process.arguments = ["--version"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        let stdout = await PythonInterop.readToEnd(out.fileHandleForReading)
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        #expect(status == 0)
        #expect(String(decoding: stdout, as: UTF8.self) == PackageVersion.current + "\n")
    }
}
