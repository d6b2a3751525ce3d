import Foundation
import MCPProxy
import Synchronization

/// Runs the scripts under Tests/Interop with the Python that has the official `mcp` package.
///
/// The interpreter is `$MCP_PYTHON`, else `.venv/bin/python` at the package root
/// (created by `scripts/setup-python.sh`). Interop tests fail when neither exists,
/// unless `MCP_SKIP_INTEROP=1`.
package enum PythonInterop {
    package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    package static var skipped: Bool { ProcessInfo.processInfo.environment["MCP_SKIP_INTEROP"] == "1" }

    package static func python() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["MCP_PYTHON"] { return configured }
        let venv = packageRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: venv) else {
            throw TestFailure("no Python with the mcp package: run scripts/setup-python.sh, set MCP_PYTHON, or MCP_SKIP_INTEROP=1")
        }
        return venv
    }

    package struct Run {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var json: JSONValue? { try? JSONParser.parse(stdout.split(separator: "\n").last.map(String.init) ?? "") }
    }

    /// At most two Python processes at once across all tests: each costs a core while it
    /// imports the SDK, and the servers under test need the machine's other core.
    package static let slots = ProcessSlots(2)

    /// Runs `Tests/Interop/<script>` with `arguments` and waits for it to exit.
    package static func run(_ script: String, _ arguments: [String]) async throws -> Run {
        await slots.acquire()
        defer { slots.release() }
        return try await TestProcess.run(
            try python(), [packageRoot.appendingPathComponent("Tests/Interop/\(script)").path] + arguments)
    }

    package static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }
}

/// A counting semaphore for async code.
package final class ProcessSlots: Sendable {
    private let state: Mutex<(free: Int, waiters: [CheckedContinuation<Void, Never>])>

    init(_ count: Int) { state = Mutex((count, [])) }

    package func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    package func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
