/// A call or `new` expression: `callee<T>(a, ...b)`.
public struct Call: Sendable {
    /// What is called (for `new`, the constructor).
    public var callee: Expression
    /// The range of the type arguments `<…>`, angle brackets included (TypeScript).
    public var typeArguments: Range<Int>?
    /// The arguments in order (a spread is ``Expression/Kind/spread(_:)``); nil for `new X` without
    /// parentheses.
    public var arguments: [Expression]?
    /// Token indices of `(` and `)`, when written.
    public var parentheses: (open: Int, close: Int)?
    /// Whether the call is optional: `f?.(x)`.
    public var optional: Bool

    /// A call of `callee`.
    public init(callee: Expression, typeArguments: Range<Int>?, arguments: [Expression]?, parentheses: (open: Int, close: Int)?, optional: Bool) {
        self.callee = callee
        self.typeArguments = typeArguments
        self.arguments = arguments
        self.parentheses = parentheses
        self.optional = optional
    }
}
