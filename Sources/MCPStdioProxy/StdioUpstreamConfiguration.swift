import Logging

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
    /// Add the caller's identity to every forwarded request as
    /// `params._meta["mcp-stateless/caller"] = {subject, scopes}` (off by default: the
    /// child is not told who calls unless you opt in).
    public var forwardIdentity: Bool
    /// The longest accepted stdout line from the child.
    public var maximumLineLength: Int
    public var logger: Logger

    public init(
        command: [String], shell: Bool = false, environment: [String: String] = [:], workingDirectory: String? = nil,
        startupTimeout: Duration = .seconds(20), restartBackoff: (initial: Duration, maximum: Duration) = (.milliseconds(500), .seconds(30)),
        forwardIdentity: Bool = false, maximumLineLength: Int = 16 * 1024 * 1024, logger: Logger = Logger(label: "mcp-stdio-upstream")
    ) {
        self.command = command
        self.shell = shell
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.startupTimeout = startupTimeout
        self.restartBackoff = restartBackoff
        self.forwardIdentity = forwardIdentity
        self.maximumLineLength = maximumLineLength
        self.logger = logger
    }

    /// The `_meta` key carrying the caller when ``forwardIdentity`` is on.
    public static let callerMetaKey = "mcp-stateless/caller"
}
