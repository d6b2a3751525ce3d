import ArgumentParser
import FastMCP
import Foundation
import MCPCommandLine
import Synchronization

/// The server the reliability scripts (bench/reliability/) run against: the usual tools plus ones
/// that stream slowly, hang, or ignore cancellation.
@main
struct ReliabilityServer: AsyncParsableCommand {
    @Option var port = 0
    @Flag var stateful = false
    @Option(help: "Request deadline in seconds.")
    var timeout = 2.0
    @OptionGroup var auth: AuthOptions
    @OptionGroup var limits: ServerLimitOptions
    @Option(name: .customLong("max-concurrent"), help: "Authenticated requests at once.")
    var maxConcurrent = 1024

    /// Tasks of `stubborn` still running after their request's deadline.
    static let stubbornRunning = Atomic<Int>(0)

    struct Steps: Decodable, Sendable {
        var steps: Int
        var delayMs: Int
    }

    func run() async throws {
        let selection = try auth.resolve(resourceName: "bench-reliability", host: "127.0.0.1")
        let server = FastMCPServer(name: "bench-reliability", version: "1.0.0")
        server.tool("echo", description: "Echoes the text.") { (args: EchoText, _) in args.text }
        server.tool("whoami", description: "The caller's subject.") { (context: Context) in context.principal?.subject ?? "anonymous" }
        server.tool("slow", description: "Reports progress every delayMs for steps steps, then answers.") { (args: Steps, context) in
            for step in 0..<args.steps {
                await context.progress(Double(step), total: Double(args.steps))
                try await Task.sleep(for: .milliseconds(args.delayMs))
            }
            return "done after \(args.steps) steps"
        }
        server.tool("hang", description: "Never answers; stops when cancelled.") { (_: Context) in
            try await Task.sleep(for: .seconds(3600))
            return "unreachable"
        }
        server.tool("stubborn", description: "Waits 10 s on something that ignores cancellation, then answers.") { (_: Context) in
            Self.stubbornRunning.add(1, ordering: .relaxed)
            defer { Self.stubbornRunning.subtract(1, ordering: .relaxed) }
            // Like a blocking call without cancellation support, but without holding a thread.
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { done.resume() }
            }
            return "finished late"
        }
        server.tool("stubborn_count", description: "How many stubborn tasks are still running.") { (_: Context) in
            "\(Self.stubbornRunning.load(ordering: .relaxed))"
        }
        let auth = HTTPAuth.authentication(selection.authentication, metadata: selection.metadata)
        try await server.run(.httpStream(port: port, stateless: !stateful, auth: auth)) { configuration in
            configuration.requestTimeout = .milliseconds(Int(timeout * 1000))
            configuration.accessLog = false
            configuration.maxConcurrentRequests = maxConcurrent
            limits.apply(to: &configuration)
        }
    }
}

struct EchoText: Decodable, Sendable {
    var text: String
}
