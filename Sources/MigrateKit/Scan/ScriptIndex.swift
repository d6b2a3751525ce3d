import ScriptLexer
import ScriptSyntax

/// Imports, declarations and calls of one ``ScriptFile``.
public struct ScriptIndex: Sendable {
    /// A name a module binds in this file.
    public struct Binding: Sendable, Hashable {
        /// What the local name is bound to: the default export, the namespace, or a named export.
        public enum Imported: Sendable, Hashable {
            case defaultExport
            case namespace
            case named(String)
        }
        /// The name in this file.
        public var local: String
        /// The module specifier.
        public var module: String
        /// What of the module it is.
        public var imported: Imported
    }

    /// A call `a.b.c(…)`.
    public struct Call: Sendable {
        /// The callee as a member chain: `["server", "start"]`.
        public var chain: [String]
        /// Token of the first name in the chain.
        public var first: Int
        /// The `(` token.
        public var open: Int
        /// The `)` token.
        public var close: Int
        /// Each argument's first and last token.
        public var arguments: [(start: Int, end: Int)]
        /// Whether `new` precedes the callee.
        public var isNew: Bool
    }

    /// The file indexed.
    public let file: ScriptFile
    /// Imports and `require` bindings, in source order.
    public private(set) var bindings: [Binding]
    /// Calls whose callee ends in a name, ordered by their `(`.
    public private(set) var calls: [Call]

    /// Reads the imports, `require` bindings and calls of `file` from its syntax tree.
    public init(_ file: ScriptFile) {
        self.file = file
        var bindings: [Binding] = []
        var calls: [Call] = []
        func imports(_ statements: [Statement]) {
            for statement in statements {
                switch statement.kind {
                case .import(let declaration): bindings += Self.bindings(of: declaration)
                case .export(.declaration(let inner)):
                    if case .import(let declaration) = inner.kind { bindings += Self.bindings(of: declaration) }
                case .namespace(_, let body): imports(body)
                default: break
                }
            }
        }
        imports(file.tree.statements)
        let walker = SyntaxWalker(statement: { statement in
            guard case .variable(let declaration) = statement.kind else { return }
            for declarator in declaration.declarators {
                guard let value = declarator.initializer else { continue }
                bindings += Self.requireBindings(declarator.target, value)
            }
        }, expression: { e in
            switch e.kind {
            case .assignment("=", let target, let value):
                if case .identifier(let name) = target.kind {
                    bindings += Self.requireBindings(Pattern(.identifier(name), target.range), value)
                }
            case .call(let call), .new(let call):
                guard let parentheses = call.parentheses, let chain = Self.trailingNames(call.callee) else { return }
                let isNew = if case .new = e.kind { true } else { false }
                calls.append(Call(
                    chain: chain, first: call.callee.range.upperBound - chain.count * 2 + 1, open: parentheses.open,
                    close: parentheses.close,
                    arguments: (call.arguments ?? []).map { ($0.range.lowerBound, $0.range.upperBound - 1) }, isNew: isNew))
            default: break
            }
        })
        walker.walk(file.tree)
        self.bindings = bindings
        self.calls = calls.sorted { $0.open < $1.open }
    }

    /// The names a callee ends with, as written: `this.server.start` → this, server, start;
    /// `make().start` → start; nil when it does not end in a name.
    private static func trailingNames(_ callee: ScriptSyntax.Expression) -> [String]? {
        switch callee.kind {
        case .identifier(let name): return [name]
        case .this: return ["this"]
        case .member(let object, let name, _): return (trailingNames(object) ?? []) + [name]
        default: return nil
        }
    }

    private static func bindings(of declaration: ImportDeclaration) -> [Binding] {
        guard !declaration.isTypeOnly, let module = declaration.module else { return [] }
        var bindings: [Binding] = []
        if let name = declaration.defaultBinding {
            bindings.append(Binding(local: name, module: module, imported: declaration.isRequire ? .namespace : .defaultExport))
        }
        if let name = declaration.namespaceBinding { bindings.append(Binding(local: name, module: module, imported: .namespace)) }
        for specifier in declaration.named {
            bindings.append(Binding(local: specifier.local, module: module, imported: .named(specifier.imported)))
        }
        return bindings
    }

    /// `X = require("m")`, `{ A, B: C } = require("m")`, `X = require("m").A`.
    private static func requireBindings(_ target: Pattern, _ value: ScriptSyntax.Expression) -> [Binding] {
        var value = value
        var member: String?
        if case .member(let object, let name, _) = value.kind {
            value = object
            member = name
        }
        guard case .call(let call) = value.kind, case .identifier("require") = call.callee.kind,
            let arguments = call.arguments, arguments.count == 1, let module = arguments[0].stringValue
        else { return [] }
        switch target.kind {
        case .identifier(let local):
            return [Binding(local: local, module: module, imported: member.map { .named($0) } ?? .namespace)]
        case .object(let properties) where member == nil:
            return properties.compactMap { property in
                guard let key = property.key?.name else { return nil }
                let local: String? = switch property.value.kind {
                case .identifier(let name): name
                case .defaulted(let inner, _): inner.boundNames.first
                default: nil
                }
                return local.map { Binding(local: $0, module: module, imported: .named(key)) }
            }
        default:
            return []
        }
    }

    /// Local names bound to export `name` of `module` (named imports and `require` destructuring),
    /// plus `ns.name` spellings for namespace/default bindings.
    public func names(for name: String, from module: String) -> Set<String> {
        var names: Set<String> = []
        for binding in bindings where binding.module == module {
            switch binding.imported {
            case .named(let imported) where imported == name: names.insert(binding.local)
            case .namespace, .defaultExport: names.insert("\(binding.local).\(name)")
            default: break
            }
        }
        return names
    }

    /// Whether any binding comes from `module`.
    public func imports(_ module: String) -> Bool { bindings.contains { $0.module == module } }

    /// Calls whose callee, joined with `.`, is one of `names`.
    public func calls(to names: Set<String>) -> [Call] {
        calls.filter { names.contains($0.chain.joined(separator: ".")) }
    }

    /// The variable a `new`/call expression starting at token `first` is assigned to:
    /// `const server = new FastMCP(…)` → `server`.
    public func assignedName(expressionStart first: Int) -> String? {
        var start = first
        if file.isIdentifier(start - 1, "new") { start -= 1 }
        if file.isIdentifier(start - 1, "await") { start -= 1 }
        guard file.isPunctuator(start - 1, "="), file.isIdentifier(start - 2) else { return nil }
        if file.isPunctuator(start - 3, ".") { return file.isIdentifier(start - 4, "this") ? "this.\(file.text(start - 2))" : nil }
        return file.text(start - 2)
    }

    /// The first tokens of every value assigned to `name` in this file (declarations and
    /// assignments), and whether any member of it is assigned (`name.x = …`).
    public func assignments(to name: String) -> (values: [Int], memberWrites: Bool) {
        var values: [Int] = []
        var memberWrites = false
        for i in file.tokens.indices where file.isIdentifier(i, name) && !file.isPunctuator(i - 1, ".") && !file.isPunctuator(i - 1, "?.") {
            var j = i + 1
            // `const name: Type = …`
            if file.isPunctuator(j, ":"), ["const", "let", "var"].contains(file.text(i - 1)) {
                while j < file.tokens.count, !file.isPunctuator(j, "=") {
                    if let partner = file.matching(j), partner > j { j = partner }
                    if file.isPunctuator(j, ";") { break }
                    j += 1
                }
            }
            if file.isPunctuator(j, "=") {
                values.append(j + 1)
            } else if file.isPunctuator(j, "."), file.isIdentifier(j + 1), file.isPunctuator(j + 2, "=") {
                memberWrites = true
            }
        }
        return (values, memberWrites)
    }
}
