import ScriptSyntax

/// One value an expression may have, as far as the resolver could follow it.
enum ResolvedValue {
    /// An expression that is the value itself (an object literal, a string, `new FastMCP(…)`, a
    /// call it could not follow…), in `module`.
    case expression(ScriptSyntax.Expression, Module)
    /// A string known from a branch (`if (x === "stdio")`), at token `token` of `module`.
    case pinned(String, Module, token: Int)
    /// A function (declaration or expression) the value is.
    case function(Function, Module)
    /// Another module's namespace (`import * as m`).
    case namespace(Module)
    /// Where the resolver had to stop, and why.
    case unresolved(String, place: String)

    /// The string this value is, when it is a string literal or pinned.
    var string: String? {
        switch self {
        case .expression(let e, _): return e.stringValue
        case .pinned(let s, _, _): return s
        default: return nil
        }
    }

    /// The object literal this value is, with its module.
    var object: (ScriptSyntax.ObjectLiteral, Module)? {
        if case .expression(let e, let m) = self, case .object(let o) = e.unwrapped.kind { return (o, m) }
        return nil
    }

    /// Whether the value is `undefined`, `null` or `false` (an option left out).
    var isAbsent: Bool {
        guard case .expression(let e, _) = self else { return false }
        switch e.unwrapped.kind {
        case .identifier("undefined"), .null, .boolean(false): return true
        case .unary("void", _): return true
        default: return false
        }
    }
}
