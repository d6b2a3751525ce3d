/// Why the upstream could not serve.
public enum StdioUpstreamError: Error, CustomStringConvertible {
    /// Nothing was given after `--`.
    case noCommand
    /// The child could not be spawned, did not answer `initialize`, or exited first.
    case startFailed(String)

    /// What went wrong, for a person.
    public var description: String {
        switch self {
        case .noCommand: return "no upstream command given (put it after --)"
        case .startFailed(let reason): return "the upstream server did not start: \(reason)"
        }
    }
}
