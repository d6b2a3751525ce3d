/// Why a browser run could not happen at all (as opposed to a case that failed).
public enum BrowserError: Error, CustomStringConvertible, Equatable {
    /// No browser was found: where it was looked for, and what to install.
    case notFound(String)
    /// The browser or the probe server could not be started.
    case cannotStart(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .notFound(let reason), .cannotStart(let reason): return reason
        }
    }
}
