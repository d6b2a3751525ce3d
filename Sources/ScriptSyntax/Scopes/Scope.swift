/// A region where declarations live: the module, a function (parameters and `var`), a block, a class
/// body, a `for` head or a `catch` clause.
public struct Scope: Sendable {
    /// Token indices the scope covers.
    public var range: Range<Int>
    /// The enclosing scope's index; nil for the module.
    public var parent: Int?
    /// Whether `var` and function declarations are hoisted to it (a function or the module).
    public var isFunction: Bool
    /// For a function scope, the function.
    public var function: Function?
    /// For a class body, the class.
    public var classDeclaration: ClassDeclaration?

    /// A scope over `range` inside `parent`.
    public init(range: Range<Int>, parent: Int?, isFunction: Bool, function: Function? = nil, classDeclaration: ClassDeclaration? = nil) {
        self.range = range
        self.parent = parent
        self.isFunction = isFunction
        self.function = function
        self.classDeclaration = classDeclaration
    }
}
