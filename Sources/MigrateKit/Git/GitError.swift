import CLibGit2

/// A libgit2 call failed, or the repository cannot be used as asked.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// What failed, for a person.
    public var message: String
    /// libgit2's error code, when the failure came from libgit2.
    public var code: Int32?

    /// An error with `message` and libgit2's error code, when it came from libgit2.
    public init(_ message: String, code: Int32? = nil) {
        self.message = message
        self.code = code
    }

    /// The message.
    public var description: String { message }

    /// The last libgit2 error, prefixed with what was being done.
    static func last(_ doing: String, code: Int32) -> GitError {
        let detail = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(code)"
        return GitError("\(doing): \(detail)", code: code)
    }
}

/// Runs a libgit2 call and throws its error when the result is negative.
@discardableResult
func check(_ doing: @autoclosure () -> String, _ result: Int32) throws(GitError) -> Int32 {
    if result < 0 { throw GitError.last(doing(), code: result) }
    return result
}
