/// Why part of a source could not be read.
public struct LexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line where the problem was found.
    public var line: Int
    /// What went wrong, for a person.
    public var message: String

    /// A problem on `line`, described by `message`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
