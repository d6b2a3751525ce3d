/// The scopes of one tree with their declarations, every assignment to a name or to a member of
/// one, the branches that pin a name to a string, and the module's exports (ES modules and
/// CommonJS). It answers "which declaration does this name at this place mean?".
public struct ScopeIndex: Sendable {
    /// Every scope; index 0 is the module. A scope's parent comes before it.
    public private(set) var scopes: [Scope] = []
    /// Every declaration, in source order.
    public private(set) var declarations: [Declaration] = []
    /// Every assignment to a name or a member of one, in source order.
    public private(set) var assignments: [Assignment] = []
    /// Every branch that pins a name to a string.
    public private(set) var pins: [Pin] = []
    /// What the module exports, by exported name (`default` for the default export).
    public private(set) var exports: [String: ModuleExport] = [:]
    /// Modules whose exports are all re-exported (`export * from "m"`).
    public private(set) var starExports: [String] = []

    private var declarationsByName: [String: [Int]] = [:]
    private var assignmentsByName: [String: [Int]] = [:]

    /// Indexes `tree`.
    public init(_ tree: SyntaxTree) {
        collectScopes(tree)
        collectDeclarations(tree)
        collectExports(tree)
    }

    // MARK: - Questions

    /// The innermost scope holding token `token`.
    public func scope(at token: Int) -> Int {
        var best = 0
        for i in scopes.indices.dropFirst() where scopes[i].range.contains(token) { best = i }
        return best
    }

    /// The declaration `name` means at token `token`: the nearest enclosing scope declaring it.
    public func declaration(of name: String, at token: Int) -> Declaration? {
        guard let candidates = declarationsByName[name] else { return nil }
        var scope: Int? = self.scope(at: token)
        while let s = scope {
            if let i = candidates.first(where: { declarations[$0].scope == s }) { return declarations[i] }
            scope = scopes[s].parent
        }
        return nil
    }

    /// Assignments whose target name (`x` in `x = v` and in `x.y = v`) means `declaration`.
    public func assignments(to declaration: Declaration) -> [Assignment] {
        (assignmentsByName[declaration.name] ?? []).map { assignments[$0] }.filter { assignment in
            self.declaration(of: declaration.name, at: assignment.token).map { $0.token == declaration.token } ?? false
        }
    }

    /// `this.<members> = v` writes inside the class whose body holds token `token`.
    public func thisWrites(_ members: [String], inClassAt token: Int) -> [Assignment] {
        guard let classScope = enclosingClassScope(of: token) else { return [] }
        let range = scopes[classScope].range
        return (assignmentsByName["this"] ?? []).map { assignments[$0] }.filter {
            $0.members == members && range.contains($0.token) && enclosingClassScope(of: $0.token) == classScope
        }
    }

    /// The innermost class body holding token `token`.
    public func enclosingClassScope(of token: Int) -> Int? {
        var scope: Int? = self.scope(at: token)
        while let s = scope {
            if scopes[s].classDeclaration != nil { return s }
            scope = scopes[s].parent
        }
        return nil
    }

    /// The string `name` is pinned to at token `token` by an enclosing branch, if any.
    public func pin(of name: String, at token: Int) -> String? {
        pins.last { $0.name == name && $0.range.contains(token) }?.value
    }

    // MARK: - Building

    private mutating func collectScopes(_ tree: SyntaxTree) {
        var found: [Scope] = [Scope(range: 0..<max(tree.tokens.count, 0), parent: nil, isFunction: true)]
        SyntaxWalker(statement: { s in
            switch s.kind {
            case .block, .loop, .switch: found.append(Scope(range: s.range, parent: nil, isFunction: false))
            case .try(_, let binding, _, _) where binding != nil: found.append(Scope(range: s.range, parent: nil, isFunction: false))
            case .function(let f): found.append(Scope(range: f.range, parent: nil, isFunction: true, function: f))
            case .class(let c): found.append(Scope(range: c.range, parent: nil, isFunction: false, classDeclaration: c))
            default: break
            }
        }, expression: { e in
            switch e.kind {
            case .function(let f): found.append(Scope(range: f.range, parent: nil, isFunction: true, function: f))
            case .class(let c): found.append(Scope(range: c.range, parent: nil, isFunction: false, classDeclaration: c))
            case .object(let o):
                for p in o.properties {
                    switch p.kind {
                    case .method(_, let f), .getter(_, let f), .setter(_, let f):
                        found.append(Scope(range: f.range, parent: nil, isFunction: true, function: f))
                    default: break
                    }
                }
            default: break
            }
        }).walk(tree)
        // Class members' functions.
        for scope in found {
            guard let c = scope.classDeclaration else { continue }
            for member in c.members {
                switch member.kind {
                case .method(_, let f), .getter(_, let f), .setter(_, let f), .constructor(let f):
                    found.append(Scope(range: f.range, parent: nil, isFunction: true, function: f))
                default: break
                }
            }
        }
        // Parents from nesting: sorted outer first, a stack of open scopes.
        let module = found.removeFirst()
        found.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound }
        scopes = [module]
        var stack = [0]
        for var scope in found {
            while let top = stack.last, top != 0, !(scopes[top].range.lowerBound <= scope.range.lowerBound && scope.range.upperBound <= scopes[top].range.upperBound) {
                stack.removeLast()
            }
            scope.parent = stack.last ?? 0
            scopes.append(scope)
            stack.append(scopes.count - 1)
        }
    }

    private func nearestFunctionScope(_ scope: Int) -> Int {
        var s = scope
        while !scopes[s].isFunction, let parent = scopes[s].parent { s = parent }
        return s
    }

    /// The scope a declaration at token `token` belongs to, skipping the scope a function or class
    /// declaration opens for itself (its name belongs outside).
    private func outerScope(of range: Range<Int>) -> Int {
        var s = scope(at: range.lowerBound)
        while scopes[s].range == range, let parent = scopes[s].parent { s = parent }
        return s
    }

    private mutating func declare(_ declaration: Declaration) {
        declarationsByName[declaration.name, default: []].append(declarations.count)
        declarations.append(declaration)
    }

    private mutating func declare(pattern: Pattern, kind: Declaration.Kind, scope: Int, initializer: Expression?) {
        for (name, token, path, indirect) in Self.bindings(of: pattern, path: [], indirect: false) {
            declare(Declaration(name: name, kind: kind, scope: scope, token: token, initializer: initializer, path: path, isIndirect: indirect))
        }
    }

    /// The names a pattern binds, each with the property path from the pattern's value.
    static func bindings(of pattern: Pattern, path: [String], indirect: Bool) -> [(String, Int, [String], Bool)] {
        switch pattern.kind {
        case .identifier(let name): return [(name, pattern.range.lowerBound, path, indirect)]
        case .object(let properties):
            return properties.flatMap { property -> [(String, Int, [String], Bool)] in
                guard let key = property.key?.name else { return bindings(of: property.value, path: path, indirect: true) }
                return bindings(of: property.value, path: path + [key], indirect: indirect)
            }
        case .array(let elements): return elements.flatMap { $0.map { bindings(of: $0, path: path, indirect: true) } ?? [] }
        case .defaulted(let inner, _), .rest(let inner): return bindings(of: inner, path: path, indirect: true)
        case .expression, .opaque: return []
        }
    }

    private mutating func collectDeclarations(_ tree: SyntaxTree) {
        var statements: [Statement] = []
        var expressions: [Expression] = []
        SyntaxWalker(statement: { statements.append($0) }, expression: { expressions.append($0) }).walk(tree)
        for statement in statements {
            switch statement.kind {
            case .variable(let declaration):
                let here = scope(at: statement.range.lowerBound)
                let target = declaration.keyword == "var" ? nearestFunctionScope(here) : here
                for d in declaration.declarators {
                    declare(pattern: d.target, kind: .variable(declaration.keyword), scope: target, initializer: d.initializer)
                }
            case .function(let f):
                if let name = f.name {
                    declare(Declaration(name: name, kind: .function(f), scope: outerScope(of: f.range), token: f.range.lowerBound,
                                        initializer: nil, path: [], isIndirect: false))
                }
            case .class(let c):
                if let name = c.name {
                    declare(Declaration(name: name, kind: .class(c), scope: outerScope(of: c.range), token: c.range.lowerBound,
                                        initializer: nil, path: [], isIndirect: false))
                }
            case .import(let i):
                guard let module = i.module else { continue }
                if let name = i.defaultBinding {
                    declare(Declaration(name: name, kind: .import(module: module, imported: i.isRequire ? nil : "default"), scope: 0,
                                        token: statement.range.lowerBound, initializer: nil, path: [], isIndirect: false))
                }
                if let name = i.namespaceBinding {
                    declare(Declaration(name: name, kind: .import(module: module, imported: nil), scope: 0,
                                        token: statement.range.lowerBound, initializer: nil, path: [], isIndirect: false))
                }
                for specifier in i.named {
                    declare(Declaration(name: specifier.local, kind: .import(module: module, imported: specifier.imported), scope: 0,
                                        token: statement.range.lowerBound, initializer: nil, path: [], isIndirect: false))
                }
            case .try(_, let binding?, _, _):
                declare(pattern: binding, kind: .other, scope: scope(at: statement.range.lowerBound), initializer: nil)
            case .if(let test, let then, let otherwise):
                pin(test, then: then.range, otherwise: otherwise?.range)
            case .switch(let discriminant, let cases):
                guard case .identifier(let name) = discriminant.unwrapped.kind else { continue }
                for c in cases {
                    if let value = c.test?.stringValue { pins.append(Pin(name: name, value: value, range: c.range)) }
                }
            default: break
            }
        }
        // Function parameters belong to the function's own scope.
        for (i, scope) in scopes.enumerated() {
            guard let f = scope.function else { continue }
            for parameter in f.parameters {
                declare(pattern: parameter.pattern, kind: .parameter, scope: i, initializer: nil)
            }
        }
        for e in expressions {
            switch e.kind {
            case .class(let c) where c.name != nil:
                // A named class expression's name is visible inside it only.
                declare(Declaration(name: c.name!, kind: .class(c), scope: scope(at: c.range.lowerBound), token: c.range.lowerBound,
                                    initializer: nil, path: [], isIndirect: false))
            case .assignment(let op, let target, let value):
                guard let chain = target.memberChain else { continue }
                let assignment = Assignment(name: chain[0], members: Array(chain.dropFirst()), op: op, value: value,
                                            scope: scope(at: e.range.lowerBound), token: e.range.lowerBound)
                assignmentsByName[assignment.name, default: []].append(assignments.count)
                assignments.append(assignment)
            case .conditional(let test, let then, let otherwise):
                pin(test, then: then.range, otherwise: otherwise.range)
            default: break
            }
        }
        // Loop heads declare with `for (const x of …)`: already variables via the head statement.
    }

    /// Pins from a test such as `x === "stdio"`, `"stdio" == x`, `x !== "http"`, joined by `&&`.
    private mutating func pin(_ test: Expression, then: Range<Int>, otherwise: Range<Int>?) {
        guard case .binary(let op, let left, let right) = test.unwrapped.kind else { return }
        if op == "&&" {
            pin(left, then: then, otherwise: nil)
            pin(right, then: then, otherwise: nil)
            return
        }
        guard ["===", "==", "!==", "!="].contains(op) else { return }
        let pair: (String, String)? =
            if case .identifier(let name) = left.unwrapped.kind, let value = right.stringValue { (name, value) }
            else if case .identifier(let name) = right.unwrapped.kind, let value = left.stringValue { (name, value) }
            else { nil }
        guard let (name, value) = pair else { return }
        if op == "===" || op == "==" {
            pins.append(Pin(name: name, value: value, range: then))
        } else if let otherwise {
            pins.append(Pin(name: name, value: value, range: otherwise))
        }
    }

    private mutating func collectExports(_ tree: SyntaxTree) {
        for statement in tree.statements {
            switch statement.kind {
            case .export(let export):
                switch export {
                case .declaration(let inner):
                    for name in Self.declaredNames(inner) { exports[name] = .local(name) }
                case .defaultValue(let value):
                    if case .identifier(let name) = value.kind {
                        exports["default"] = .local(name)
                    } else {
                        exports["default"] = .value(value)
                    }
                case .named(let specifiers, let from, _):
                    for s in specifiers {
                        exports[s.exported] = from.map { .reexport(module: $0, name: s.local) } ?? .local(s.local)
                    }
                case .all(let alias, let from):
                    if let alias { exports[alias] = .namespace(module: from) } else { starExports.append(from) }
                case .assignment(let value):
                    exports["default"] = Self.export(of: value)
                case .namespaceDeclaration: break
                }
            case .expression(let e):
                // CommonJS: `module.exports = …`, `module.exports.x = …`, `exports.x = …`.
                guard case .assignment("=", let target, let value) = e.kind, let chain = target.memberChain else { continue }
                if chain == ["module", "exports"] {
                    exports["default"] = Self.export(of: value)
                    if case .object(let object) = value.unwrapped.kind {
                        for p in object.properties {
                            switch p.kind {
                            case .value(let key, let v): if let name = key.name { exports[name] = Self.export(of: v) }
                            case .shorthand(let name, _): exports[name] = .local(name)
                            default: break
                            }
                        }
                    }
                } else if chain.count == 3, chain[0] == "module", chain[1] == "exports" {
                    exports[chain[2]] = Self.export(of: value)
                } else if chain.count == 2, chain[0] == "exports" {
                    exports[chain[1]] = Self.export(of: value)
                }
            default: break
            }
        }
    }

    private static func export(of value: Expression) -> ModuleExport {
        if case .identifier(let name) = value.unwrapped.kind { return .local(name) }
        return .value(value)
    }

    /// The names a declaration statement declares.
    static func declaredNames(_ statement: Statement) -> [String] {
        switch statement.kind {
        case .variable(let d): return d.declarators.flatMap(\.target.boundNames)
        case .function(let f): return f.name.map { [$0] } ?? []
        case .class(let c): return c.name.map { [$0] } ?? []
        case .enum(let name): return [name]
        case .namespace(let name, _): return [name]
        default: return []
        }
    }
}
