/// Makes a type a `ToolProvider` whose `@Tool` methods are its tools.
///
/// ```swift
/// @Tools struct Notes {
///     let store: NoteStore
///
///     /// Adds a note.
///     /// - Parameters:
///     ///   - title: The note's title.
///     ///   - body: What the note says.
///     @Tool func add(title: String, body: String = "", context: Context) async throws -> Note { … }
/// }
/// server.register(Notes(store: store))
/// ```
///
/// For each `@Tool` method, `@Tools` writes an arguments type — one property per parameter, the
/// `- Parameter(s)` lines as descriptions — and the `server.tool(…)` call that decodes it and
/// calls the method. The generated code uses the same API as hand-written tools, so schemas,
/// validation and errors are the same on both paths. The type must be `Sendable` (a struct of
/// `Sendable` properties, a final class of constants, or an actor).
@attached(extension, conformances: ToolProvider, names: named(registerTools), arbitrary)
public macro Tools() = #externalMacro(module: "FastMCPMacrosPlugin", type: "ToolsMacro")
