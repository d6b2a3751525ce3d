/// Visits every statement and expression of a tree, depth first in source order (functions, class
/// members, patterns' defaults and template substitutions included).
public struct SyntaxWalker {
    /// Called for each statement before its children.
    public var statement: (Statement) -> Void
    /// Called for each expression before its children.
    public var expression: (Expression) -> Void

    /// A walker calling `statement` and `expression`.
    public init(statement: @escaping (Statement) -> Void = { _ in }, expression: @escaping (Expression) -> Void = { _ in }) {
        self.statement = statement
        self.expression = expression
    }

    /// Walks every statement of `tree`.
    public func walk(_ tree: SyntaxTree) {
        for s in tree.statements { walk(s) }
    }

    /// Walks `s` and everything in it.
    public func walk(_ s: Statement) {
        statement(s)
        switch s.kind {
        case .expression(let e), .throw(let e): walk(e)
        case .return(let e): if let e { walk(e) }
        case .variable(let declaration): walk(declaration)
        case .function(let f): walk(f)
        case .class(let c): walk(c)
        case .import, .jump, .empty, .enum, .typeOnly, .opaque: break
        case .export(let export):
            switch export {
            case .declaration(let inner): walk(inner)
            case .defaultValue(let e), .assignment(let e): walk(e)
            case .named, .all, .namespaceDeclaration: break
            }
        case .block(let body), .namespace(_, let body): body.forEach(walk)
        case .if(let test, let then, let otherwise):
            walk(test)
            walk(then)
            if let otherwise { walk(otherwise) }
        case .switch(let discriminant, let cases):
            walk(discriminant)
            for c in cases {
                if let test = c.test { walk(test) }
                c.body.forEach(walk)
            }
        case .loop(let head, let body):
            head.forEach(walk)
            walk(body)
        case .try(let body, let binding, let handler, let finalizer):
            body.forEach(walk)
            if let binding { walk(binding) }
            handler?.forEach(walk)
            finalizer?.forEach(walk)
        case .labeled(_, let inner): walk(inner)
        }
    }

    /// Walks the declarators' patterns and initial values.
    public func walk(_ declaration: VariableDeclaration) {
        for d in declaration.declarators {
            walk(d.target)
            if let e = d.initializer { walk(e) }
        }
    }

    /// Walks `e` and everything in it.
    public func walk(_ e: Expression) {
        expression(e)
        switch e.kind {
        case .identifier, .this, .super, .string, .number, .boolean, .null, .regex, .metaProperty, .opaque: break
        case .template(let t): t.substitutions.forEach(walk)
        case .taggedTemplate(let tag, let t):
            walk(tag)
            t.substitutions.forEach(walk)
        case .object(let object): walk(object)
        case .array(let elements): for element in elements { if let element { walk(element) } }
        case .function(let f): walk(f)
        case .class(let c): walk(c)
        case .call(let call), .new(let call):
            walk(call.callee)
            call.arguments?.forEach(walk)
        case .member(let object, _, _): walk(object)
        case .index(let object, let index, _):
            walk(object)
            walk(index)
        case .nonNull(let inner), .unary(_, let inner), .postfix(_, let inner), .await(let inner), .parenthesized(let inner),
            .spread(let inner), .typeAssertion(let inner, _, _), .instantiation(let inner, _):
            walk(inner)
        case .yield(let inner): if let inner { walk(inner) }
        case .binary(_, let left, let right):
            walk(left)
            walk(right)
        case .assignment(_, let target, let value):
            walk(target)
            walk(value)
        case .conditional(let test, let then, let otherwise):
            walk(test)
            walk(then)
            walk(otherwise)
        case .sequence(let items): items.forEach(walk)
        case .importCall(let arguments): arguments.forEach(walk)
        case .jsx(let containers): containers.forEach(walk)
        }
    }

    /// Walks every property's key and value.
    public func walk(_ object: ObjectLiteral) {
        for property in object.properties {
            switch property.kind {
            case .value(let key, let value):
                walk(key)
                walk(value)
            case .shorthand(_, let fallback): if let fallback { walk(fallback) }
            case .spread(let value): walk(value)
            case .method(let key, let f), .getter(let key, let f), .setter(let key, let f):
                walk(key)
                walk(f)
            case .opaque: break
            }
        }
    }

    /// Walks parameters (defaults, decorators) and the body.
    public func walk(_ f: Function) {
        for parameter in f.parameters {
            parameter.decorators.forEach(walk)
            walk(parameter.pattern)
        }
        switch f.body {
        case .block(let body): body.forEach(walk)
        case .expression(let e): walk(e)
        case nil: break
        }
    }

    /// Walks decorators, the superclass and every member.
    public func walk(_ c: ClassDeclaration) {
        c.decorators.forEach(walk)
        if let superclass = c.superclass { walk(superclass) }
        for member in c.members {
            member.decorators.forEach(walk)
            switch member.kind {
            case .property(let key, _, let value):
                walk(key)
                if let value { walk(value) }
            case .method(let key, let f), .getter(let key, let f), .setter(let key, let f):
                walk(key)
                walk(f)
            case .constructor(let f): walk(f)
            case .staticBlock(let body): body.forEach(walk)
            case .indexSignature, .empty, .opaque: break
            }
        }
    }

    /// Walks the defaults and computed keys inside a pattern.
    public func walk(_ pattern: Pattern) {
        switch pattern.kind {
        case .identifier, .opaque: break
        case .object(let properties):
            for property in properties {
                if let key = property.key { walk(key) }
                walk(property.value)
            }
        case .array(let elements): for element in elements { if let element { walk(element) } }
        case .defaulted(let inner, let fallback):
            walk(inner)
            walk(fallback)
        case .rest(let inner): walk(inner)
        case .expression(let e): walk(e)
        }
    }

    private func walk(_ key: PropertyKey) {
        if case .computed(let e) = key.kind { walk(e) }
    }
}
