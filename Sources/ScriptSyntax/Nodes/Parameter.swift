/// One parameter of a function: `@dec private readonly name?: T = fallback` or `...rest`.
public struct Parameter: Sendable {
    /// Token indices of the parameter.
    public var range: Range<Int>
    /// The bound name or destructuring pattern (a default value is ``Pattern/Kind/defaulted(_:_:)``).
    public var pattern: Pattern
    /// The range of the type annotation after `:` (TypeScript).
    public var type: Range<Int>?
    /// Modifiers written before it: `public`, `private`, `protected`, `readonly`, `override` (a
    /// constructor parameter with one also declares a property).
    public var modifiers: [String]
    /// Whether it is a rest parameter (`...rest`).
    public var isRest: Bool
    /// Decorators written before it.
    public var decorators: [Expression]

    /// A parameter over `range`.
    public init(range: Range<Int>, pattern: Pattern, type: Range<Int>?, modifiers: [String], isRest: Bool, decorators: [Expression]) {
        self.range = range
        self.pattern = pattern
        self.type = type
        self.modifiers = modifiers
        self.isRest = isRest
        self.decorators = decorators
    }
}
