/// A function: declaration, expression, arrow, method, getter, setter or constructor.
public struct Function: Sendable {
    /// A function's body.
    public enum Body: Sendable {
        /// `{ statements }`.
        case block([Statement])
        /// An arrow's expression body: `x => x + 1`.
        case expression(Expression)
    }

    /// Token indices of the whole function (for a method, from its key).
    public var range: Range<Int>
    /// The declared name, if any.
    public var name: String?
    /// Whether it is an arrow function.
    public var isArrow: Bool
    /// Whether it is `async`.
    public var isAsync: Bool
    /// Whether it is a generator (`function*`).
    public var isGenerator: Bool
    /// The range of `<T, …>` (TypeScript).
    public var typeParameters: Range<Int>?
    /// The parameters in order.
    public var parameters: [Parameter]
    /// The range of the return type after `:` (TypeScript).
    public var returnType: Range<Int>?
    /// The body; nil for an overload signature or a `declare`d or abstract function.
    public var body: Body?

    /// A function over `range`.
    public init(
        range: Range<Int>, name: String?, isArrow: Bool, isAsync: Bool, isGenerator: Bool, typeParameters: Range<Int>?,
        parameters: [Parameter], returnType: Range<Int>?, body: Body?
    ) {
        self.range = range
        self.name = name
        self.isArrow = isArrow
        self.isAsync = isAsync
        self.isGenerator = isGenerator
        self.typeParameters = typeParameters
        self.parameters = parameters
        self.returnType = returnType
        self.body = body
    }
}
