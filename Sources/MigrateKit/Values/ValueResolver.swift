import ScriptSyntax

/// The values an expression may have: names to their declaration and every assignment in scope,
/// through ternaries, `??`, `||`, parentheses, `as`, `satisfies` and `!`, calls to the `return`s of
/// the function called (in this module or an imported one), `this.x` to the class's initialisers
/// and constructor assignments, imports to the other module's export, and branches that pin a name
/// (`if (x === "stdio")`). Where it stops it says why, with the place; it never guesses.
final class ValueResolver {
    let loader: ModuleLoader
    /// Modules opened for the current site.
    private var openedAtSiteStart = 0
    private var visiting: Set<String> = []

    init(loader: ModuleLoader) {
        self.loader = loader
    }

    /// Starts counting a new site against ``ResolverBounds/modulesPerSite``.
    func startSite() {
        openedAtSiteStart = loader.opened
    }

    /// The values `expression` (in `module`) may have.
    func values(of expression: ScriptSyntax.Expression, in module: Module, depth: Int = 0) -> [ResolvedValue] {
        guard depth <= ResolverBounds.depth else {
            return [.unresolved("followed \(ResolverBounds.depth) steps without reaching a value (the resolver's depth bound)",
                                place: module.place(expression.range.lowerBound))]
        }
        let e = expression.unwrapped
        let at = e.range.lowerBound
        switch e.kind {
        case .conditional(_, let then, let otherwise):
            return values(of: then, in: module, depth: depth) + values(of: otherwise, in: module, depth: depth)
        case .binary(let op, let left, let right) where op == "??" || op == "||":
            return values(of: left, in: module, depth: depth) + values(of: right, in: module, depth: depth)
        case .binary("&&", _, let right):
            return values(of: right, in: module, depth: depth)
        case .await(let inner):
            return values(of: inner, in: module, depth: depth)
        case .identifier(let name):
            if name == "undefined" { return [.expression(e, module)] }
            if let pinned = module.scopes.pin(of: name, at: at) { return [.pinned(pinned, module, token: at)] }
            guard let declaration = module.scopes.declaration(of: name, at: at) else {
                return [.unresolved("`\(name)` is not declared in this module", place: module.place(at))]
            }
            return values(of: declaration, in: module, depth: depth + 1)
        case .member(let object, let name, _):
            if case .this = object.unwrapped.kind { return thisValues([name], at: at, in: module, depth: depth + 1) }
            return values(of: object, in: module, depth: depth + 1).flatMap { property(name, of: $0, depth: depth + 1) }
        case .call(let call):
            let callees = values(of: call.callee, in: module, depth: depth + 1)
            guard callees.contains(where: { if case .function = $0 { true } else { false } }) else { return [.expression(e, module)] }
            return callees.flatMap { callee -> [ResolvedValue] in
                guard case .function(let f, let home) = callee else {
                    return [.unresolved("`\(module.file.tree.text(call.callee.range))` may be something the resolver cannot call", place: module.place(at))]
                }
                return returns(of: f, in: home, depth: depth + 1)
            }
        case .function(let f):
            return [.function(f, module)]
        default:
            return [.expression(e, module)]
        }
    }

    /// The values a declared name may have: its initial value (and destructuring path) and every
    /// assignment to it; a function or class declaration is itself; an import follows the export.
    func values(of declaration: Declaration, in module: Module, depth: Int) -> [ResolvedValue] {
        let key = "\(module.path)#\(declaration.token)"
        guard !visiting.contains(key) else {
            return [.unresolved("`\(declaration.name)` depends on itself", place: module.place(declaration.token))]
        }
        visiting.insert(key)
        defer { visiting.remove(key) }
        switch declaration.kind {
        case .function(let f):
            return [.function(f, module)]
        case .class:
            return [.unresolved("`\(declaration.name)` is a class", place: module.place(declaration.token))]
        case .parameter:
            return [.unresolved("`\(declaration.name)` is a parameter: its value comes from each caller", place: module.place(declaration.token))]
        case .other:
            return [.unresolved("`\(declaration.name)` is bound by a loop or `catch`", place: module.place(declaration.token))]
        case .import(let specifier, let imported):
            return importedValues(specifier, imported, declaredAt: declaration.token, in: module, depth: depth)
        case .variable:
            if declaration.isIndirect {
                return [.unresolved("`\(declaration.name)` comes out of an array pattern, a rest or a default", place: module.place(declaration.token))]
            }
            var out: [ResolvedValue] = []
            if let initializer = declaration.initializer {
                out += values(of: initializer, in: module, depth: depth).flatMap { follow(declaration.path, from: $0, depth: depth) }
            }
            for assignment in module.scopes.assignments(to: declaration) {
                if !assignment.members.isEmpty {
                    out.append(.unresolved("`\(declaration.name).\(assignment.members.joined(separator: "."))` is assigned after `\(declaration.name)` is created", place: module.place(assignment.token)))
                } else if ["=", "??=", "||="].contains(assignment.op) {
                    out += values(of: assignment.value, in: module, depth: depth)
                } else {
                    out.append(.unresolved("`\(declaration.name)` is changed with `\(assignment.op)`", place: module.place(assignment.token)))
                }
            }
            if out.isEmpty {
                out.append(.unresolved("`\(declaration.name)` is never given a value in this module", place: module.place(declaration.token)))
            }
            return out
        }
    }

    /// The export `imported` of the module `specifier` names (nil: the namespace).
    private func importedValues(_ specifier: String, _ imported: String?, declaredAt token: Int, in module: Module, depth: Int) -> [ResolvedValue] {
        guard let target = openModule(specifier, from: module) else {
            return [.unresolved("`\(specifier)` is not a module of this repository the resolver can read", place: module.place(token))]
        }
        if case .unresolved(let why, _) = target { return [.unresolved(why, place: module.place(token))] }
        guard case .namespace(let other) = target else { return [] }
        guard let imported else { return [.namespace(other)] }
        return exportValues(imported, of: other, depth: depth + 1, place: module.place(token))
    }

    /// Opens the module `specifier` names from `module`, within the site's bounds.
    private func openModule(_ specifier: String, from module: Module) -> ResolvedValue? {
        guard let path = loader.resolve(specifier, from: module.path) else { return nil }
        if loader.opened - openedAtSiteStart >= ResolverBounds.modulesPerSite {
            return .unresolved("reading `\(specifier)` would pass \(ResolverBounds.modulesPerSite) modules for one site (the resolver's module bound)", place: module.path)
        }
        if loader.overBudget {
            return .unresolved("the package took more than \(Int(ResolverBounds.secondsPerPackage)) s to resolve (the resolver's time bound)", place: module.path)
        }
        guard let other = loader.module(path) else {
            return .unresolved("`\(path)` could not be read whole", place: module.path)
        }
        return .namespace(other)
    }

    /// The values of export `name` of `module`, through re-exports.
    func exportValues(_ name: String, of module: Module, depth: Int, place: String) -> [ResolvedValue] {
        guard depth <= ResolverBounds.depth else {
            return [.unresolved("followed \(ResolverBounds.depth) re-exports (the resolver's depth bound)", place: place)]
        }
        let end = module.file.tokens.count
        switch module.scopes.exports[name] {
        case .local(let local):
            guard let declaration = module.scopes.declaration(of: local, at: max(end - 1, 0)) ?? module.scopes.declarations.first(where: { $0.name == local && $0.scope == 0 }) else {
                return [.unresolved("`\(module.path)` exports `\(local)` but does not declare it", place: place)]
            }
            return values(of: declaration, in: module, depth: depth)
        case .value(let e):
            return values(of: e, in: module, depth: depth)
        case .reexport(let specifier, let original):
            switch openModule(specifier, from: module) {
            case .namespace(let other)?: return exportValues(original, of: other, depth: depth + 1, place: place)
            case .unresolved(let why, _)?: return [.unresolved(why, place: place)]
            default: return [.unresolved("`\(specifier)` (re-exported by `\(module.path)`) is not a module the resolver can read", place: place)]
            }
        case .namespace(let specifier):
            if case .namespace(let other)? = openModule(specifier, from: module) { return [.namespace(other)] }
            return [.unresolved("`\(specifier)` is not a module the resolver can read", place: place)]
        case nil:
            for specifier in module.scopes.starExports {
                if case .namespace(let other)? = openModule(specifier, from: module), other.scopes.exports[name] != nil || !other.scopes.starExports.isEmpty {
                    let found = exportValues(name, of: other, depth: depth + 1, place: place)
                    if !found.isEmpty { return found }
                }
            }
            return [.unresolved("`\(module.path)` has no export `\(name)`", place: place)]
        }
    }

    /// Follows destructuring property names from a value.
    private func follow(_ path: [String], from value: ResolvedValue, depth: Int) -> [ResolvedValue] {
        guard let name = path.first else { return [value] }
        return property(name, of: value, depth: depth).flatMap { follow(Array(path.dropFirst()), from: $0, depth: depth) }
    }

    /// The values of property `name` of a value: an object literal's property (a spread after which
    /// it may come makes it unresolved), or a namespace's export.
    func property(_ name: String, of value: ResolvedValue, depth: Int) -> [ResolvedValue] {
        switch value {
        case .unresolved: return [value]
        case .namespace(let module): return exportValues(name, of: module, depth: depth, place: module.path)
        case .expression(let e, let module):
            guard case .object(let object) = e.unwrapped.kind else {
                return [.unresolved("`\(module.file.tree.text(e.range).prefix(60))` is not an object literal, so its `\(name)` is not known", place: module.place(e.range.lowerBound))]
            }
            var found: ScriptSyntax.ObjectLiteral.Property?
            var spreadAfter: ScriptSyntax.ObjectLiteral.Property?
            for p in object.properties {
                if p.name == name {
                    found = p
                    spreadAfter = nil
                } else if case .spread = p.kind {
                    spreadAfter = p
                }
            }
            if let spread = spreadAfter, case .spread(let source) = spread.kind {
                // `{ a: 1, ...rest }`: `rest` decides unless it provably has no such property.
                let fromSpread = values(of: source, in: module, depth: depth + 1)
                if fromSpread.allSatisfy({ v in v.object.map { o in !o.0.properties.contains { $0.name == name || isSpread($0) } } ?? v.isAbsent }) {
                    return found.map { valueOf($0, in: module, depth: depth) } ?? [.expression(ScriptSyntax.Expression(.identifier("undefined"), e.range), module)]
                }
                return [.unresolved("`\(name)` may come from the spread `...\(module.file.tree.text(source.range))`", place: module.place(spread.range.lowerBound))]
            }
            guard let found else { return [.expression(ScriptSyntax.Expression(.identifier("undefined"), e.range), module)] }
            return valueOf(found, in: module, depth: depth)
        default:
            return [.unresolved("a property `\(name)` of something that is not an object", place: "")]
        }
    }

    private func isSpread(_ p: ScriptSyntax.ObjectLiteral.Property) -> Bool {
        if case .spread = p.kind { return true }
        return false
    }

    private func valueOf(_ p: ScriptSyntax.ObjectLiteral.Property, in module: Module, depth: Int) -> [ResolvedValue] {
        switch p.kind {
        case .value(_, let v): return values(of: v, in: module, depth: depth + 1)
        case .shorthand(let name, _):
            return values(of: ScriptSyntax.Expression(.identifier(name), p.range), in: module, depth: depth + 1)
        case .method(_, let f): return [.function(f, module)]
        default: return [.unresolved("`\(p.name ?? "?")` is computed by a getter or setter", place: module.place(p.range.lowerBound))]
        }
    }

    /// `this.<members>` inside a class: property initialisers and `this.x = v` in its methods.
    private func thisValues(_ members: [String], at token: Int, in module: Module, depth: Int) -> [ResolvedValue] {
        guard let classScope = module.scopes.enclosingClassScope(of: token), let c = module.scopes.scopes[classScope].classDeclaration else {
            return [.unresolved("`this.\(members.joined(separator: "."))` outside a class", place: module.place(token))]
        }
        var out: [ResolvedValue] = []
        for member in c.members where members.count == 1 && member.name == members[0] {
            if case .property(_, _, let value?) = member.kind { out += values(of: value, in: module, depth: depth) }
        }
        for write in module.scopes.thisWrites(members, inClassAt: token) {
            out += values(of: write.value, in: module, depth: depth)
        }
        // Constructor parameters declared as properties: `constructor(private server: FastMCP)`.
        for member in c.members {
            guard case .constructor(let f) = member.kind else { continue }
            for p in f.parameters where !p.modifiers.isEmpty && p.pattern.boundNames == members {
                out.append(.unresolved("`this.\(members[0])` is a constructor parameter: its value comes from each `new`", place: module.place(p.range.lowerBound)))
            }
        }
        if out.isEmpty {
            out.append(.unresolved("`this.\(members.joined(separator: "."))` is never given a value in its class", place: module.place(token)))
        }
        return out
    }

    /// The values a function returns: each `return` of its body (not of nested functions), or an
    /// arrow's expression body.
    func returns(of f: Function, in module: Module, depth: Int) -> [ResolvedValue] {
        switch f.body {
        case .expression(let e): return values(of: e, in: module, depth: depth)
        case .block(let body):
            var out: [ResolvedValue] = []
            var stack: [Statement] = body.reversed()
            while let s = stack.popLast() {
                switch s.kind {
                case .return(let e?): out += values(of: e, in: module, depth: depth)
                case .block(let inner): stack += inner.reversed()
                case .if(_, let then, let otherwise):
                    if let otherwise { stack.append(otherwise) }
                    stack.append(then)
                case .try(let b, _, let h, let fin): stack += (b + (h ?? []) + (fin ?? [])).reversed()
                case .switch(_, let cases): stack += cases.flatMap(\.body).reversed()
                case .loop(_, let inner), .labeled(_, let inner): stack.append(inner)
                default: break
                }
            }
            if out.isEmpty {
                out.append(.unresolved("`\(f.name ?? "the function")` returns no value the resolver can see", place: module.place(f.range.lowerBound)))
            }
            return out
        case nil:
            return [.unresolved("`\(f.name ?? "the function")` has no body here", place: module.place(f.range.lowerBound))]
        }
    }
}
