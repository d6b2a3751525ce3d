/// `const a = 1, { b } = c;` (also `let`, `var`, `using`, `await using`).
public struct VariableDeclaration: Sendable {
    /// One `target: Type = initializer` of a declaration.
    public struct Declarator: Sendable {
        /// Token indices of the declarator.
        public var range: Range<Int>
        /// The name or destructuring pattern declared.
        public var target: Pattern
        /// The range of the type annotation (TypeScript).
        public var type: Range<Int>?
        /// The initial value, if any.
        public var initializer: Expression?

        /// A declarator over `range`.
        public init(range: Range<Int>, target: Pattern, type: Range<Int>?, initializer: Expression?) {
            self.range = range
            self.target = target
            self.type = type
            self.initializer = initializer
        }
    }

    /// `const`, `let`, `var`, `using` or `await using`.
    public var keyword: String
    /// The declarators in order.
    public var declarators: [Declarator]

    /// A declaration of `declarators` with `keyword`.
    public init(keyword: String, declarators: [Declarator]) {
        self.keyword = keyword
        self.declarators = declarators
    }
}
