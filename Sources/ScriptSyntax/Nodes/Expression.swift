/// An expression with the half-open range of token indices it spans in its ``SyntaxTree``.
public struct Expression: Sendable {
    /// What the expression is.
    public indirect enum Kind: Sendable {
        /// A name: `server`, `undefined`.
        case identifier(String)
        /// `this`.
        case this
        /// `super`.
        case `super`
        /// A string literal, decoded (`"a\nb"` → a, newline, b).
        case string(String)
        /// A numeric literal, as written.
        case number(String)
        /// `true` or `false`.
        case boolean(Bool)
        /// `null`.
        case null
        /// A regular-expression literal.
        case regex
        /// A template literal; see ``Template``.
        case template(Template)
        /// `` tag`…` ``.
        case taggedTemplate(tag: Expression, template: Template)
        /// `{ … }`.
        case object(ObjectLiteral)
        /// `[a, , ...b]`: `nil` for a hole.
        case array([Expression?])
        /// A function expression or an arrow function.
        case function(Function)
        /// A class expression.
        case `class`(ClassDeclaration)
        /// `callee<T>(arguments)` or `callee?.(arguments)`.
        case call(Call)
        /// `new Callee<T>(arguments)`; `arguments` is nil for `new Callee` without parentheses.
        case new(Call)
        /// `object.name`, `object?.name` or `object.#name`.
        case member(object: Expression, name: String, optional: Bool)
        /// `object[index]` or `object?.[index]`.
        case index(object: Expression, index: Expression, optional: Bool)
        /// `value!` (TypeScript).
        case nonNull(Expression)
        /// A prefix operator: `!x`, `-x`, `typeof x`, `void x`, `delete x`, `++x`.
        case unary(operator: String, operand: Expression)
        /// `x++` or `x--`.
        case postfix(operator: String, operand: Expression)
        /// `await value`.
        case await(Expression)
        /// `yield value`, `yield* value` or a bare `yield`.
        case yield(Expression?)
        /// `left op right`, including `&&`, `||`, `??`, `in` and `instanceof`.
        case binary(operator: String, left: Expression, right: Expression)
        /// `target = value` and the compound assignments (`+=`, `??=`, …).
        case assignment(operator: String, target: Expression, value: Expression)
        /// `test ? then : otherwise`.
        case conditional(test: Expression, then: Expression, otherwise: Expression)
        /// `a, b, c`.
        case sequence([Expression])
        /// `(inner)`.
        case parenthesized(Expression)
        /// `...value` in arguments and array literals.
        case spread(Expression)
        /// `value as T`, `value satisfies T` or `<T>value` (TypeScript); `type` is the type's range.
        case typeAssertion(Expression, type: Range<Int>, style: TypeAssertionStyle)
        /// `value<T>` without a call (an instantiation expression, TypeScript).
        case instantiation(Expression, typeArguments: Range<Int>)
        /// `import(specifier)`.
        case importCall([Expression])
        /// `import.meta` or `new.target`.
        case metaProperty(String)
        /// A JSX element; `containers` are the expressions inside its `{…}` containers, in order.
        case jsx(containers: [Expression])
        /// What the parser could not read; the ``SyntaxProblem`` with the same range says why.
        case opaque
    }

    /// How a ``Kind/typeAssertion(_:type:style:)`` is written.
    public enum TypeAssertionStyle: Sendable, Hashable {
        /// `value as T` (and `as const`).
        case `as`
        /// `value satisfies T`.
        case satisfies
        /// `<T>value`.
        case angleBracket
    }

    /// Token indices the expression spans.
    public var range: Range<Int>
    /// What the expression is.
    public var kind: Kind

    /// An expression of `kind` over `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

extension Expression {
    /// The expression with parentheses, type assertions (`as`, `satisfies`, `<T>`) and non-null
    /// assertions removed: what the value is at run time.
    public var unwrapped: Expression {
        var e = self
        while true {
            switch e.kind {
            case .parenthesized(let inner), .nonNull(let inner), .typeAssertion(let inner, _, _): e = inner
            default: return e
            }
        }
    }

    /// The names of a member chain: `this.server.start` → `["this", "server", "start"]`; nil when any
    /// link is not a plain name (a call, an index…). Optional links (`?.`) count as `.`.
    public var memberChain: [String]? {
        switch kind {
        case .identifier(let name): return [name]
        case .this: return ["this"]
        case .member(let object, let name, _): return object.memberChain.map { $0 + [name] }
        case .parenthesized(let inner), .nonNull(let inner): return inner.memberChain
        default: return nil
        }
    }

    /// The decoded text of a string literal or a template literal without substitutions.
    public var stringValue: String? {
        switch kind {
        case .string(let value): return value
        case .template(let template): return template.cooked
        default: return nil
        }
    }
}
