/// A group of tools registered together, usually written by `@Tools` from the `FastMCPMacros`
/// product: each `@Tool` method becomes one tool.
///
/// ```swift
/// import FastMCPMacros
///
/// @Tools struct Notes {
///     /// Adds a note.
///     /// - Parameters:
///     ///   - title: The note's title.
///     @Tool func add(title: String, context: Context) async throws -> Note { … }
/// }
/// server.register(Notes())
/// ```
///
/// Conform by hand to group hand-written registrations the same way.
public protocol ToolProvider: Sendable {
    /// Registers every tool of this provider on `server`.
    func registerTools(on server: FastMCPServer)
}

extension FastMCPServer {
    /// Registers every tool of `provider` (a `@Tools` type, or any ``ToolProvider``).
    public func register(_ provider: some ToolProvider) {
        provider.registerTools(on: self)
    }
}
