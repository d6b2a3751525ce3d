/// A statement or declaration with the half-open range of token indices it spans.
public struct Statement: Sendable {
    /// What the statement is.
    public indirect enum Kind: Sendable {
        /// An expression followed by `;` (or a line break).
        case expression(Expression)
        /// `const`/`let`/`var`/`using` declarations.
        case variable(VariableDeclaration)
        /// A function declaration (or an overload signature, whose ``Function/body`` is nil).
        case function(Function)
        /// A class declaration.
        case `class`(ClassDeclaration)
        /// An `import` declaration (or `import x = require("m")`).
        case `import`(ImportDeclaration)
        /// An `export` declaration.
        case export(ExportDeclaration)
        /// `{ statements }`.
        case block([Statement])
        /// `if (test) then else otherwise`.
        case `if`(test: Expression, then: Statement, otherwise: Statement?)
        /// `switch (discriminant) { cases }`.
        case `switch`(discriminant: Expression, cases: [SwitchCase])
        /// `for`, `for…in`, `for…of`, `while` and `do…while`: the head's declarations and expressions
        /// in source order, then the body.
        case loop(head: [Statement], body: Statement)
        /// `try { } catch (binding) { } finally { }`.
        case `try`(body: [Statement], binding: Pattern?, handler: [Statement]?, finalizer: [Statement]?)
        /// `return value`.
        case `return`(Expression?)
        /// `throw value`.
        case `throw`(Expression)
        /// `label: statement`.
        case labeled(String, Statement)
        /// `break`, `continue` or `debugger`.
        case jump
        /// `;`.
        case empty
        /// `enum Name { … }` (TypeScript); the members are not read.
        case `enum`(name: String)
        /// `namespace Name { … }`, `module "name" { … }` or `declare global { … }` (TypeScript).
        case namespace(name: String, body: [Statement])
        /// A declaration with no run-time effect (TypeScript): `interface`, `type` alias, and
        /// `declare` declarations other than namespaces.
        case typeOnly
        /// What the parser could not read; the ``SyntaxProblem`` with the same range says why.
        case opaque
    }

    /// Token indices of the statement, its `;` included.
    public var range: Range<Int>
    /// What the statement is.
    public var kind: Kind

    /// A statement of `kind` over `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// One `case value:` or `default:` clause of a `switch`.
public struct SwitchCase: Sendable {
    /// Token indices of the clause.
    public var range: Range<Int>
    /// The case's value; nil for `default`.
    public var test: Expression?
    /// The statements after the colon.
    public var body: [Statement]

    /// A clause over `range`.
    public init(range: Range<Int>, test: Expression?, body: [Statement]) {
        self.range = range
        self.test = test
        self.body = body
    }
}
