/// A name declared in a scope, and where its value comes from.
public struct Declaration: Sendable {
    /// How the name is declared.
    public enum Kind: Sendable {
        /// `const`, `let`, `var`, `using` (the keyword).
        case variable(String)
        /// `function name() {}`.
        case function(Function)
        /// `class Name {}`.
        case `class`(ClassDeclaration)
        /// A function's parameter (its value comes from the caller).
        case parameter
        /// `import { imported as name } from "module"`, a default import (`imported` is `default`)
        /// or a namespace import (`imported` is nil).
        case `import`(module: String, imported: String?)
        /// A `catch (e)` binding or a `for (const x of …)` variable.
        case other
    }

    /// The declared name.
    public var name: String
    /// How it is declared.
    public var kind: Kind
    /// The index of the scope holding it in ``ScopeIndex/scopes``.
    public var scope: Int
    /// Token index of the name where it is declared.
    public var token: Int
    /// The initial value's expression: for `const x = v` it is `v`; for `const { a: { b } } = v`
    /// the declaration of `b` has `v` with ``path`` `["a", "b"]`.
    public var initializer: Expression?
    /// Property names from the initializer to the value (destructuring); empty when direct.
    public var path: [String]
    /// Whether the value is not where ``initializer`` and ``path`` say (an array pattern, a rest).
    public var isIndirect: Bool

    /// A declaration of `name`.
    public init(name: String, kind: Kind, scope: Int, token: Int, initializer: Expression?, path: [String], isIndirect: Bool) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.token = token
        self.initializer = initializer
        self.path = path
        self.isIndirect = isIndirect
    }
}
