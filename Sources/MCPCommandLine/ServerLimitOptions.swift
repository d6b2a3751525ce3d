import ArgumentParser
import MCPProxy

/// The hostile-client defences every server command shares: `Host` names, body pacing,
/// the listen backlog and the pre-authentication limit.
public struct ServerLimitOptions: ParsableArguments {
    /// The defaults; ArgumentParser fills in the flags.
    public init() {}

    /// `--allowed-host`: `Host` names accepted besides loopback and the resource's host.
    @Option(
        name: .customLong("allowed-host"),
        help: "A Host name accepted besides loopback names and the --resource host (repeatable; DNS-rebinding defence).")
    public var allowedHosts: [String] = []

    /// `--body-idle-timeout`: seconds a body may go without a byte (0: never cut).
    @Option(name: .customLong("body-idle-timeout"), help: "Seconds a request body may go without a byte before 408 and close (0: never).")
    public var bodyIdleTimeout = 10

    /// `--min-body-rate`: bytes per second a body must average after 5 s (0: no minimum).
    @Option(name: .customLong("min-body-rate"), help: "Bytes per second a request body must average after 5 s, else 408 and close (0: no minimum).")
    public var minBodyRate = 1024

    /// `--backlog`: connections the kernel queues before they are accepted.
    @Option(help: "Connections the kernel queues before they are accepted.")
    public var backlog = 1024

    /// `--max-unauthenticated-requests`: requests still being authenticated at once before 503.
    @Option(name: .customLong("max-unauthenticated-requests"), help: "Requests at once still being authenticated; beyond it, 503 with Retry-After.")
    public var maxUnauthenticatedRequests = 1024

    /// Refuses negative limits.
    public func validate() throws {
        guard bodyIdleTimeout >= 0, minBodyRate >= 0, backlog > 0, maxUnauthenticatedRequests > 0 else {
            throw ValidationError("--body-idle-timeout and --min-body-rate must be 0 or more; --backlog and --max-unauthenticated-requests positive")
        }
    }

    /// Writes these settings into `configuration`.
    public func apply(to configuration: inout MCPProxyConfiguration) {
        configuration.allowedHosts = allowedHosts
        configuration.bodyIdleTimeout = bodyIdleTimeout == 0 ? nil : .seconds(bodyIdleTimeout)
        configuration.minBodyRate = minBodyRate
        configuration.backlog = backlog
        configuration.maxUnauthenticatedRequests = maxUnauthenticatedRequests
    }
}
