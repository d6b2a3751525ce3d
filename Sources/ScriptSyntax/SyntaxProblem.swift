/// Why a range of a source could not be read: each opaque node and each lexer problem has one.
public struct SyntaxProblem: Sendable, Hashable, CustomStringConvertible {
    /// Token indices covered by the opaque node (empty for a problem the lexer reported at the end).
    public var range: Range<Int>
    /// 1-based line where the problem starts.
    public var line: Int
    /// What went wrong, for a person.
    public var message: String

    /// A problem over `range` starting on `line`.
    public init(range: Range<Int>, line: Int, message: String) {
        self.range = range
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
