import Foundation

/// Runs a program to completion and collects its exit status and output.
package enum TestProcess {
    /// Runs `executable` with `arguments`; `environment` replaces the inherited one when given.
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) async throws -> PythonInterop.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { process in
            exited.continuation.yield(process.terminationStatus)
            exited.continuation.finish()
        }
        try process.run()
        // Blocking reads run on Dispatch threads, never on the (2-thread) cooperative pool the server needs.
        async let out = PythonInterop.readToEnd(stdout.fileHandleForReading)
        async let err = PythonInterop.readToEnd(stderr.fileHandleForReading)
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        return PythonInterop.Run(
            status: status, stdout: String(decoding: await out, as: UTF8.self), stderr: String(decoding: await err, as: UTF8.self))
    }
}
