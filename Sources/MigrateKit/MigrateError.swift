/// A problem migrate reports to the person running it (bad input, an unusable repository…).
public struct MigrateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
