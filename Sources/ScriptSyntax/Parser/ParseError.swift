/// Why the parser gave up on a construct: it becomes an opaque node and parsing goes on after it.
struct ParseError: Error {
    /// What was expected or found, for a person.
    var message: String
    /// Token index where the problem was found.
    var at: Int
}
