import ScriptLexer

/// Imports, declarations and calls of one ``ScriptFile``.
public struct ScriptIndex: Sendable {
    /// A name a module binds in this file.
    public struct Binding: Sendable, Hashable {
        public enum Imported: Sendable, Hashable {
            case defaultExport
            case namespace
            case named(String)
        }
        public var local: String
        public var module: String
        public var imported: Imported
    }

    /// A call `a.b.c(…)`.
    public struct Call: Sendable {
        /// The callee as a member chain: `["server", "start"]`.
        public var chain: [String]
        /// Token of the first name in the chain.
        public var first: Int
        /// The `(` and `)` tokens.
        public var open: Int
        public var close: Int
        /// Each argument's first and last token.
        public var arguments: [(start: Int, end: Int)]
        /// Whether `new` precedes the callee.
        public var isNew: Bool
    }

    public let file: ScriptFile
    public private(set) var bindings: [Binding] = []
    public private(set) var calls: [Call] = []

    private static let notCallees: Set<String> = [
        "if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "yield", "with", "in", "of",
        "delete", "void", "new", "case", "do", "else", "super", "import",
    ]

    public init(_ file: ScriptFile) {
        self.file = file
        let n = file.tokens.count
        var i = 0
        while i < n {
            if file.isIdentifier(i, "import"), !file.isPunctuator(i - 1, "."), !file.isPunctuator(i + 1, "("),
                !file.isPunctuator(i + 1, ".")
            {
                i = readImport(at: i)
                continue
            }
            if file.isIdentifier(i, "require"), file.isPunctuator(i + 1, "("), let module = file.stringValue(i + 2),
                file.isPunctuator(i + 3, ")")
            {
                readRequire(at: i, module: module)
            }
            if file.isPunctuator(i, "("), i > 0, file.isIdentifier(i - 1), !Self.notCallees.contains(file.text(i - 1)),
                let close = file.matching(i)
            {
                let (first, chain) = file.memberChain(endingAt: i - 1)
                if !file.isIdentifier(first - 1, "function") {
                    var arguments: [(Int, Int)] = []
                    var a = i + 1
                    while a < close {
                        let end = file.expressionEnd(from: a, limit: close)
                        if end > a { arguments.append((a, end - 1)) }
                        a = end + 1
                    }
                    calls.append(Call(chain: chain, first: first, open: i, close: close, arguments: arguments, isNew: file.isIdentifier(first - 1, "new")))
                }
            }
            i += 1
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

    // MARK: - Reading imports

    private mutating func readImport(at start: Int) -> Int {
        var i = start + 1
        if file.isIdentifier(i, "type") && !file.isPunctuator(i + 1, ",") && !file.isIdentifier(i + 1, "from") { return i + 1 }
        var pending: [(String, Binding.Imported)] = []
        while i < file.tokens.count {
            if let module = file.stringValue(i), file.isIdentifier(i - 1, "from") || i == start + 1 {
                for (local, imported) in pending { bindings.append(Binding(local: local, module: module, imported: imported)) }
                return i + 1
            }
            if file.isPunctuator(i, "*"), file.isIdentifier(i + 1, "as"), file.isIdentifier(i + 2) {
                pending.append((file.text(i + 2), .namespace))
                i += 3
                continue
            }
            if file.isPunctuator(i, "{"), let close = file.matching(i) {
                pending += namedSpecifiers(open: i, close: close)
                i = close + 1
                continue
            }
            if file.isIdentifier(i), !file.isIdentifier(i, "from") {
                pending.append((file.text(i), .defaultExport))
            }
            if file.isPunctuator(i, ";") { return i + 1 }
            i += 1
        }
        return i
    }

    /// `{ A, B as C, type D }` → (A, A), (C, B).
    private func namedSpecifiers(open: Int, close: Int) -> [(String, Binding.Imported)] {
        var result: [(String, Binding.Imported)] = []
        var i = open + 1
        while i < close {
            let end = file.expressionEnd(from: i, limit: close)
            var names = (i..<end).filter { file.isIdentifier($0) }.map { file.text($0) }
            if names.first == "type", names.count > 1 { names.removeFirst() }
            if names.count == 3, names[1] == "as" {
                result.append((names[2], .named(names[0])))
            } else if let name = names.first {
                result.append((name, .named(name)))
            }
            i = end + 1
        }
        return result
    }

    /// `const X = require("m")`, `const { A, B: C } = require("m")`, `const X = require("m").A`.
    private mutating func readRequire(at i: Int, module: String) {
        guard file.isPunctuator(i - 1, "=") else { return }
        if file.isPunctuator(i + 4, "."), file.isIdentifier(i + 5), file.isIdentifier(i - 2) {
            bindings.append(Binding(local: file.text(i - 2), module: module, imported: .named(file.text(i + 5))))
            return
        }
        if file.isIdentifier(i - 2) {
            bindings.append(Binding(local: file.text(i - 2), module: module, imported: .namespace))
            return
        }
        guard file.isPunctuator(i - 2, "}"), let open = file.matching(i - 2) else { return }
        var j = open + 1
        while j < i - 2 {
            let end = file.expressionEnd(from: j, limit: i - 2)
            let names = (j..<end).filter { file.isIdentifier($0) }.map { file.text($0) }
            if file.isPunctuator(j + 1, ":"), names.count >= 2 {
                bindings.append(Binding(local: names[1], module: module, imported: .named(names[0])))
            } else if let name = names.first {
                bindings.append(Binding(local: name, module: module, imported: .named(name)))
            }
            j = end + 1
        }
    }
}
