import ScriptSyntax

/// A compact, exact rendering of a tree for assertions: `call(server.start, {transportType: "httpStream"})`.
struct Sketch {
    let tree: SyntaxTree

    func of(_ s: Statement) -> String {
        switch s.kind {
        case .expression(let e): return of(e)
        case .variable(let d): return of(d)
        case .function(let f): return "function " + of(f)
        case .class(let c): return of(c)
        case .import(let i):
            var parts: [String] = []
            if let d = i.defaultBinding { parts.append(d) }
            if let n = i.namespaceBinding { parts.append("* as \(n)") }
            if !i.named.isEmpty {
                parts.append("{" + i.named.map { ($0.isTypeOnly ? "type " : "") + ($0.imported == $0.local ? $0.local : "\($0.imported) as \($0.local)") }.joined(separator: ", ") + "}")
            }
            return "import\(i.isTypeOnly ? " type" : "")\(i.isRequire ? " require" : "") \(parts.joined(separator: ", ")) from \(i.module ?? "-")"
        case .export(let e):
            switch e {
            case .declaration(let inner): return "export " + of(inner)
            case .defaultValue(let v): return "export default " + of(v)
            case .named(let specifiers, let from, let typeOnly):
                return "export\(typeOnly ? " type" : "") {" + specifiers.map { $0.local == $0.exported ? $0.local : "\($0.local) as \($0.exported)" }.joined(separator: ", ") + "}" + (from.map { " from \($0)" } ?? "")
            case .all(let alias, let from): return "export *\(alias.map { " as \($0)" } ?? "") from \(from)"
            case .assignment(let v): return "export = " + of(v)
            case .namespaceDeclaration: return "export as namespace"
            }
        case .block(let body): return "{" + body.map(of).joined(separator: "; ") + "}"
        case .if(let test, let then, let otherwise): return "if \(of(test)) \(of(then))" + (otherwise.map { " else \(of($0))" } ?? "")
        case .switch(let d, let cases): return "switch \(of(d)) " + cases.map { ($0.test.map(of) ?? "default") + ": " + $0.body.map(of).joined(separator: "; ") }.joined(separator: " | ")
        case .loop(let head, let body): return "loop(" + head.map(of).joined(separator: "; ") + ") " + of(body)
        case .try(let body, let binding, let handler, let finalizer):
            return "try {" + body.map(of).joined(separator: "; ") + "}" + (handler.map { " catch\(binding.map { " " + of($0) } ?? "") {" + $0.map(of).joined(separator: "; ") + "}" } ?? "") + (finalizer.map { " finally {" + $0.map(of).joined(separator: "; ") + "}" } ?? "")
        case .return(let e): return "return" + (e.map { " " + of($0) } ?? "")
        case .throw(let e): return "throw " + of(e)
        case .labeled(let l, let inner): return "\(l): " + of(inner)
        case .jump: return "jump"
        case .empty: return "empty"
        case .enum(let name): return "enum \(name)"
        case .namespace(let name, let body): return "namespace \(name) {" + body.map(of).joined(separator: "; ") + "}"
        case .typeOnly: return "type-only"
        case .opaque: return "OPAQUE(\(tree.text(s.range)))"
        }
    }

    func of(_ d: VariableDeclaration) -> String {
        d.keyword + " " + d.declarators.map { of($0.target) + ($0.type.map { ": " + tree.text($0) } ?? "") + ($0.initializer.map { " = " + of($0) } ?? "") }.joined(separator: ", ")
    }

    func of(_ f: Function) -> String {
        let params = "(" + f.parameters.map { ($0.modifiers.isEmpty ? "" : $0.modifiers.joined(separator: " ") + " ") + ($0.isRest ? "..." : "") + of($0.pattern) + ($0.type.map { ": " + tree.text($0) } ?? "") }.joined(separator: ", ") + ")"
        var head = (f.isAsync ? "async " : "") + (f.isGenerator ? "*" : "") + (f.name ?? "") + (f.typeParameters.map { tree.text($0) } ?? "") + params
        if let r = f.returnType { head += ": " + tree.text(r) }
        switch f.body {
        case .block(let body): return head + (f.isArrow ? " => " : " ") + "{" + body.map(of).joined(separator: "; ") + "}"
        case .expression(let e): return head + " => " + of(e)
        case nil: return head + ";"
        }
    }

    func of(_ c: ClassDeclaration) -> String {
        let decorators = c.decorators.map { of($0) + " " }.joined()
        let members = c.members.map { m -> String in
            let mods = m.decorators.map { of($0) + " " }.joined() + m.modifiers.map { $0 + " " }.joined()
            switch m.kind {
            case .property(let key, let type, let value): return mods + of(key) + (type.map { ": " + tree.text($0) } ?? "") + (value.map { " = " + of($0) } ?? "")
            case .method(_, let f), .constructor(let f): return mods + of(f)
            case .getter(_, let f): return mods + "get " + of(f)
            case .setter(_, let f): return mods + "set " + of(f)
            case .staticBlock(let body): return "static {" + body.map(of).joined(separator: "; ") + "}"
            case .indexSignature: return "index"
            case .empty: return "empty"
            case .opaque: return "OPAQUE(\(tree.text(m.range)))"
            }
        }
        return decorators + "class" + (c.name.map { " " + $0 } ?? "") + (c.superclass.map { " extends " + of($0) } ?? "") + " {" + members.joined(separator: "; ") + "}"
    }

    func of(_ key: PropertyKey) -> String {
        switch key.kind {
        case .identifier(let n), .privateName(let n), .number(let n): return n
        case .string(let s): return "\"\(s)\""
        case .computed(let e): return "[\(of(e))]"
        }
    }

    func of(_ p: Pattern) -> String {
        switch p.kind {
        case .identifier(let n): return n
        case .object(let props): return "{" + props.map { ($0.key.map { of($0) + ": " } ?? "") + of($0.value) }.joined(separator: ", ") + "}"
        case .array(let elements): return "[" + elements.map { $0.map(of) ?? "" }.joined(separator: ", ") + "]"
        case .defaulted(let inner, let e): return of(inner) + " = " + of(e)
        case .rest(let inner): return "..." + of(inner)
        case .expression(let e): return of(e)
        case .opaque: return "OPAQUE(\(tree.text(p.range)))"
        }
    }

    func of(_ e: Expression) -> String {
        switch e.kind {
        case .identifier(let n): return n
        case .this: return "this"
        case .super: return "super"
        case .string(let s): return "\"\(s)\""
        case .number(let n): return n
        case .boolean(let b): return "\(b)"
        case .null: return "null"
        case .regex: return tree.text(e.range)
        case .template(let t): return t.cooked.map { "`\($0)`" } ?? "`" + t.substitutions.map { "${\(of($0))}" }.joined() + "`"
        case .taggedTemplate(let tag, let t): return of(tag) + (t.cooked.map { "`\($0)`" } ?? "`" + t.substitutions.map { "${\(of($0))}" }.joined() + "`")
        case .object(let o):
            return "{" + o.properties.map { p -> String in
                switch p.kind {
                case .value(let k, let v): return of(k) + ": " + of(v)
                case .shorthand(let n, let f): return n + (f.map { " = " + of($0) } ?? "")
                case .spread(let v): return "..." + of(v)
                case .method(_, let f): return of(f)
                case .getter(_, let f): return "get " + of(f)
                case .setter(_, let f): return "set " + of(f)
                case .opaque: return "OPAQUE(\(tree.text(p.range)))"
                }
            }.joined(separator: ", ") + "}"
        case .array(let elements): return "[" + elements.map { $0.map(of) ?? "" }.joined(separator: ", ") + "]"
        case .function(let f): return (f.isArrow ? "" : "function ") + of(f)
        case .class(let c): return of(c)
        case .call(let c): return "call(" + of(c.callee) + (c.optional ? "?." : "") + (c.typeArguments.map { tree.text($0) } ?? "") + ", [" + (c.arguments ?? []).map(of).joined(separator: ", ") + "])"
        case .new(let c): return "new(" + of(c.callee) + (c.typeArguments.map { tree.text($0) } ?? "") + (c.arguments.map { ", [" + $0.map(of).joined(separator: ", ") + "]" } ?? "") + ")"
        case .member(let o, let n, let optional): return of(o) + (optional ? "?." : ".") + n
        case .index(let o, let i, let optional): return of(o) + (optional ? "?." : "") + "[" + of(i) + "]"
        case .nonNull(let i): return of(i) + "!"
        case .unary(let op, let i): return "(\(op) \(of(i)))"
        case .postfix(let op, let i): return "(\(of(i))\(op))"
        case .await(let i): return "await(\(of(i)))"
        case .yield(let i): return "yield(\(i.map(of) ?? ""))"
        case .binary(let op, let l, let r): return "(\(of(l)) \(op) \(of(r)))"
        case .assignment(let op, let t, let v): return "(\(of(t)) \(op) \(of(v)))"
        case .conditional(let t, let a, let b): return "(\(of(t)) ? \(of(a)) : \(of(b)))"
        case .sequence(let items): return "seq(" + items.map(of).joined(separator: ", ") + ")"
        case .parenthesized(let i): return "(\(of(i)))"
        case .spread(let i): return "..." + of(i)
        case .typeAssertion(let i, let type, let style): return "\(style)(\(of(i)), \(tree.text(type)))"
        case .instantiation(let i, let t): return of(i) + tree.text(t)
        case .importCall(let args): return "import(" + args.map(of).joined(separator: ", ") + ")"
        case .metaProperty(let n): return n
        case .jsx(let containers): return "jsx[" + containers.map(of).joined(separator: ", ") + "]"
        case .opaque: return "OPAQUE(\(tree.text(e.range)))"
        }
    }
}

/// The sketch of every top-level statement of `source`, one per line, plus its problems.
func sketch(_ source: String, _ dialect: Dialect = .typeScript) -> String {
    let tree = SyntaxTree(source: source, dialect: dialect)
    let s = Sketch(tree: tree)
    return (tree.statements.map(s.of) + tree.problems.map { "PROBLEM \($0)" }).joined(separator: "\n")
}
