import ScriptLexer

/// TypeScript types are read only to find where they end: each becomes a token range the recipes
/// skip. `>>` and `>>>` close two or three type argument lists at once (``Parser/gtSplit``).
extension Parser {
    /// A type; returns its token range.
    mutating func parseType() throws(ParseError) -> Range<Int> {
        try enter()
        defer { leave() }
        let start = pos
        try typeBody(allowConditional: true)
        return start..<max(pos, start)
    }

    private mutating func typeBody(allowConditional: Bool) throws(ParseError) {
        // Generic function type `<T>(x: T) => T`, constructor type `new (…) => T`.
        if at("<") {
            _ = try parseTypeParameters()
            try functionType()
            return
        }
        if atIdent("abstract"), isIdent(pos + 1, "new") { pos += 1 }
        if atIdent("new"), isPunct(pos + 1, "(") || isPunct(pos + 1, "<") {
            pos += 1
            if at("<") { _ = try parseTypeParameters() }
            try functionType()
            return
        }
        if at("("), partner[pos] > pos, isPunct(partner[pos] + 1, "=>") {
            try functionType()
            return
        }
        // `asserts x is T`, `asserts this`
        if atIdent("asserts"), isIdent(pos + 1), !newlineBefore[pos + 1] {
            pos += 2
            if atIdent("is") {
                pos += 1
                _ = try parseType()
            }
            return
        }
        if at("|") || at("&") { pos += 1 }
        try typeOperand()
        while at("|") || at("&") {
            pos += 1
            try typeOperand()
        }
        if allowConditional, atIdent("extends"), !newlineBefore[pos] {
            pos += 1
            try enter()
            defer { leave() }
            try typeBody(allowConditional: false)
            try expect("?")
            _ = try parseType()
            try expect(":")
            _ = try parseType()
        }
    }

    /// `(params) => Type` at `(`.
    private mutating func functionType() throws(ParseError) {
        guard at("(") else { throw fail("expected `(`, found \(describe(pos))") }
        _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
        try expect("=>")
        _ = try parseType()
    }

    private static let typeOperators: Set<String> = ["keyof", "unique", "readonly"]

    private mutating func typeOperand() throws(ParseError) {
        try enter()
        defer { leave() }
        if atIdent(), Self.typeOperators.contains(texts[pos]), startsType(pos + 1) {
            pos += 1
            try typeOperand()
            return
        }
        if atIdent("infer"), isIdent(pos + 1) {
            pos += 2
            if atIdent("extends"), let constrained = attempt({ (p: inout Parser) throws(ParseError) -> Int in
                p.pos += 1
                try p.typeBody(allowConditional: false)
                guard !p.at("?") else { throw p.fail("a conditional type, not a constraint") }
                return p.pos
            }) {
                pos = constrained
            }
            return
        }
        try primaryType()
        // `T[]`, `T[K]`
        while at("["), !newlineBefore[pos] {
            _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
        }
    }

    /// Whether token `i` can begin a type.
    func startsType(_ i: Int) -> Bool {
        guard let kind = kind(i) else { return false }
        switch kind {
        case .identifier, .string, .number, .template, .templateHead: return true
        case .punctuator: return ["(", "[", "{", "<", "-", "|", "&"].contains(texts[i])
        default: return false
        }
    }

    private mutating func primaryType() throws(ParseError) {
        guard let kind = kind(pos), !(kind == .punctuator && gtSplit > 0) else {
            throw fail("expected a type, found \(describe(pos))")
        }
        switch kind {
        case .string, .number, .template:
            pos += 1
        case .templateHead:
            pos += 1
            while true {
                _ = try parseType()
                guard let k = self.kind(pos), k == .templateMiddle || k == .templateTail else { throw fail("unterminated template literal type") }
                pos += 1
                if k == .templateTail { break }
            }
        case .punctuator:
            switch texts[pos] {
            case "(":
                _ = try inGroup { (p: inout Parser) throws(ParseError) in _ = try p.parseType() }
            case "{", "[":
                _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
            case "-" where self.kind(pos + 1) == .number:
                pos += 2
            default:
                throw fail("expected a type, found \(describe(pos))")
            }
        case .identifier:
            if atIdent("typeof") {
                pos += 1
                if atIdent("import") { try importType() } else { try qualifiedName() }
                if at("<"), !newlineBefore[pos] { _ = try parseTypeArgumentsRequired() }
                return
            }
            if atIdent("import"), isPunct(pos + 1, "(") {
                try importType()
                if at("<") { _ = try parseTypeArgumentsRequired() }
                return
            }
            try qualifiedName()
            if at("<"), !newlineBefore[pos] { _ = try parseTypeArgumentsRequired() }
            // A type predicate `x is T`.
            if atIdent("is"), !newlineBefore[pos] {
                pos += 1
                _ = try parseType()
            }
        default:
            throw fail("expected a type, found \(describe(pos))")
        }
    }

    private mutating func qualifiedName() throws(ParseError) {
        _ = try expectName()
        while at("."), isIdent(pos + 1) { pos += 2 }
    }

    /// `import("module").Name`.
    private mutating func importType() throws(ParseError) {
        pos += 1
        guard at("(") else { throw fail("expected `(` after `import`") }
        _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
        while at("."), isIdent(pos + 1) { pos += 2 }
    }

    // MARK: - Angle brackets

    /// Whether the current token is (what is left of) a `>`, `>>` or `>>>`.
    func atGreater() -> Bool {
        guard pos < end, tokens[pos].kind == .punctuator else { return false }
        let t = texts[pos]
        return t == ">" || t == ">>" || t == ">>>"
    }

    /// Consumes one `>`, splitting `>>` and `>>>`.
    mutating func expectGreater() throws(ParseError) {
        guard atGreater() else { throw fail("expected `>`, found \(describe(pos))") }
        if gtSplit + 1 >= texts[pos].count {
            pos += 1
            gtSplit = 0
        } else {
            gtSplit += 1
        }
    }

    /// `<T, U>` where a type argument list must be.
    mutating func parseTypeArgumentsRequired() throws(ParseError) -> Range<Int> {
        let start = pos
        guard at("<") else { throw fail("expected `<`") }
        guard !failedTypeArguments.contains(start) else { throw fail("not a type argument list") }
        pos += 1
        do throws(ParseError) {
            if !atGreater() {
                repeat {
                    if at(",") { pos += 1 }
                    if atGreater() { break } // trailing comma
                    _ = try parseType()
                } while at(",")
            }
            try expectGreater()
        } catch {
            failedTypeArguments.insert(start)
            throw error
        }
        return start..<(gtSplit > 0 ? pos + 1 : pos)
    }

    /// Type arguments where `<` may also be a comparison: nil (nothing consumed) when they do not
    /// read as a complete list.
    mutating func tryTypeArguments() -> Range<Int>? {
        guard !failedTypeArguments.contains(pos) else { return nil }
        let start = pos
        let result = attempt { (p: inout Parser) throws(ParseError) -> Range<Int> in
            let range = try p.parseTypeArgumentsRequired()
            guard p.gtSplit == 0 else { throw p.fail("`>` split from a longer operator") }
            return range
        }
        if result == nil { failedTypeArguments.insert(start) }
        return result
    }

    /// `<T extends U = V, const W>`: returns its range.
    mutating func parseTypeParameters() throws(ParseError) -> Range<Int> {
        let start = pos
        try expect("<")
        while !atGreater() {
            while atIdent("const") || atIdent("in") || atIdent("out"), isIdent(pos + 1) { pos += 1 }
            _ = try expectName()
            if atIdent("extends") {
                pos += 1
                _ = try parseType()
            }
            if at("=") {
                pos += 1
                _ = try parseType()
            }
            guard at(",") else { break }
            pos += 1
        }
        try expectGreater()
        return start..<pos
    }
}
