import ScriptLexer

/// What an expression in a ``ScriptFile`` is, as far as migrate needs to know.
public enum ScriptValue: Sendable {
    case bool(Bool)
    case string(String)
    case object(ObjectLiteral)
    /// An array literal: the `[` and `]` tokens.
    case array(open: Int, close: Int)
    case identifier(String)
    /// Anything else: a call, a condition, an environment lookup… (computed at run time).
    case computed

    /// Reads the expression spanning tokens `start...end` (a trailing `as const` is ignored).
    public init(_ file: ScriptFile, start: Int, end: Int) {
        var end = end
        if end - start >= 2, file.isIdentifier(end - 1, "as"), file.isIdentifier(end, "const") { end -= 2 }
        if start == end {
            let t = file.text(start)
            if file.tokens[start].kind == .identifier {
                if t == "true" || t == "false" {
                    self = .bool(t == "true")
                } else {
                    self = .identifier(t)
                }
                return
            }
            if let s = file.stringValue(start) {
                self = .string(s)
                return
            }
            self = .computed
            return
        }
        if file.matching(start) == end {
            if file.isPunctuator(start, "{"), let object = ObjectLiteral(file, open: start) {
                self = .object(object)
                return
            }
            if file.isPunctuator(start, "[") {
                self = .array(open: start, close: end)
                return
            }
        }
        self = .computed
    }

    /// The value of `property` in an object literal.
    public init(_ file: ScriptFile, _ property: ObjectLiteral.Property) {
        switch property.kind {
        case .value: self.init(file, start: property.valueStart, end: property.valueEnd)
        case .shorthand: self = .identifier(property.key ?? "")
        default: self = .computed
        }
    }
}
