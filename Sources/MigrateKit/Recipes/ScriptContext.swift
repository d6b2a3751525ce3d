import ScriptLexer

/// One script file as the TS/JS recipes see it.
struct ScriptContext {
    let file: ScriptFile
    let index: ScriptIndex
    let editor: ObjectEditor

    init(_ file: ScriptFile) {
        self.file = file
        index = ScriptIndex(file)
        editor = ObjectEditor(file: file)
    }

    func line(_ token: Int) -> Int { file.tokens[token].line }

    func site(
        at token: Int, stack: String, recipe: RecipeName, _ outcome: Outcome, _ reason: String,
        edits: [TextEdit] = [], summary: String? = nil, requires: [VersionFact.Key] = []
    ) -> Site {
        Site(file: file.path, line: line(token), stack: stack, recipe: recipe, outcome: outcome, reason: reason,
             edit: edits.isEmpty ? nil : SiteEdit(summary: summary ?? reason, changes: edits), requirements: requires)
    }

    /// An options expression resolved to its object literal.
    enum Options {
        case object(ObjectLiteral, via: String?)
        case unresolved(String)
    }

    /// Resolves the expression `start...end` to an object literal, following a variable to its
    /// single assignment in this file when that is unambiguous.
    func options(start: Int, end: Int) -> Options {
        switch ScriptValue(file, start: start, end: end) {
        case .object(let object): return .object(object, via: nil)
        case .identifier(let name): return follow(name)
        default: return .unresolved("the options are computed (\(file.text(from: start, through: end)))")
        }
    }

    func follow(_ name: String) -> Options {
        let (values, memberWrites) = index.assignments(to: name)
        guard values.count == 1 else {
            return .unresolved(values.isEmpty
                ? "the options come from `\(name)`, which is not assigned in this file"
                : "the options come from `\(name)`, which is assigned \(values.count) times in this file")
        }
        guard !memberWrites else { return .unresolved("the options in `\(name)` are changed after they are created") }
        let start = values[0]
        let end = file.expressionEnd(from: start, limit: file.tokens.count) - 1
        guard end >= start, case .object(let object) = ScriptValue(file, start: start, end: end) else {
            return .unresolved("`\(name)` is not an object literal (\(end >= start ? file.text(from: start, through: end) : name))")
        }
        return .object(object, via: name)
    }
}
