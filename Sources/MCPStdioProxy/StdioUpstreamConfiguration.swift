import Logging
import MCPProxy

/// How to run the stdio MCP server that ``StdioUpstream`` fronts.
public struct StdioUpstreamConfiguration: Sendable {
    /// The argument vector (`["npx", "some-server"]`), or one shell command line when ``shell`` is set.
    public var command: [String]
    /// Run `command` joined by spaces through `/bin/sh -c`.
    public var shell: Bool
    /// Extra environment variables for the child (added to the proxy's own environment).
    public var environment: [String: String]
    /// The child's working directory (default: the proxy's).
    public var workingDirectory: String?
    /// Time the child gets to answer `initialize`.
    public var startupTimeout: Duration
    /// First and longest pause before restarting a child that exited.
    public var restartBackoff: (initial: Duration, maximum: Duration)
    /// Add the verified caller to every forwarded request as
    /// `params._meta["mcp-stateless/caller"] = {subject, scopes, claims}` (off by default:
    /// the child is not told who calls unless you opt in). Whatever this says, every
    /// `_meta` key a caller sends under `mcp-stateless/` is removed first.
    public var forwardIdentity: Bool
    /// Time the child's process group gets between SIGTERM and SIGKILL (restart, shutdown).
    public var terminationGrace: Duration
    /// The longest accepted stdout line from the child.
    public var maximumLineLength: Int
    /// Where the proxy's diagnostics and the child's stderr go.
    public var logger: Logger
    /// How long a report that the child exited during start-up waits for the end of its
    /// stderr, so that the lines it wrote before exiting are in the report (the exit and the
    /// stderr are read on different threads; a grandchild can hold stderr open).
    var startupStderrWait: Duration = .seconds(2)

    /// A configuration; every limit has a default.
    public init(
        command: [String], shell: Bool = false, environment: [String: String] = [:], workingDirectory: String? = nil,
        startupTimeout: Duration = .seconds(20), restartBackoff: (initial: Duration, maximum: Duration) = (.milliseconds(500), .seconds(30)),
        forwardIdentity: Bool = false, maximumLineLength: Int = 16 * 1024 * 1024, terminationGrace: Duration = .seconds(2),
        logger: Logger = Logger(label: "mcp-stdio-upstream")
    ) {
        self.command = command
        self.shell = shell
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.startupTimeout = startupTimeout
        self.restartBackoff = restartBackoff
        self.forwardIdentity = forwardIdentity
        self.maximumLineLength = maximumLineLength
        self.terminationGrace = terminationGrace
        self.logger = logger
    }

    /// The `_meta` key carrying the caller when ``forwardIdentity`` is on.
    public static let callerMetaKey = ForwardedIdentity.metaKey
    /// The `_meta` namespace the proxy owns: callers' keys under it never reach the child.
    public static let reservedMetaPrefix = "mcp-stateless/"
}
