/// Why a source could not be read. A file that raises one is reported, never edited.
public struct LexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line where the problem was found.
    public var line: Int
    /// What went wrong, for a person.
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
