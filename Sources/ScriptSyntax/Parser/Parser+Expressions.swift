import ScriptLexer

extension Parser {
    /// `a, b, c` (a sequence when there is a comma).
    mutating func parseExpression() throws(ParseError) -> Expression {
        let start = pos
        let first = try parseAssignment()
        guard at(",") else { return first }
        var items = [first]
        while at(",") {
            pos += 1
            items.append(try parseAssignment())
        }
        return Expression(.sequence(items), start..<pos)
    }

    private static let assignmentOperators: Set<String> = [
        "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=",
    ]

    /// An assignment expression: arrows, `yield`, conditionals and `target op= value`.
    mutating func parseAssignment() throws(ParseError) -> Expression {
        try enter()
        defer { leave() }
        let start = pos
        if let arrow = try parseArrowIfPresent() { return Expression(.function(arrow), start..<pos) }
        if atIdent("yield"), canStartExpression(pos + 1) || isPunct(pos + 1, "*") || !canContinue(pos + 1) {
            pos += 1
            if at("*") { pos += 1 }
            var value: Expression?
            if !atEnd, !newlineBefore[pos], canStartExpression(pos) { value = try parseAssignment() }
            return Expression(.yield(value), start..<pos)
        }
        let left = try parseConditional()
        if atPunctuator(), Self.assignmentOperators.contains(texts[pos]) {
            let op = texts[pos]
            pos += 1
            let value = try parseAssignment()
            return Expression(.assignment(operator: op, target: left, value: value), start..<pos)
        }
        return left
    }

    func atPunctuator() -> Bool { kind(pos) == .punctuator && gtSplit == 0 }

    private mutating func parseConditional() throws(ParseError) -> Expression {
        let start = pos
        let test = try parseBinary(0)
        guard at("?") else { return test }
        pos += 1
        let then = try parseAssignment()
        try expect(":")
        let otherwise = try parseAssignment()
        return Expression(.conditional(test: test, then: then, otherwise: otherwise), start..<pos)
    }

    private static let precedence: [String: Int] = [
        "??": 1, "||": 2, "&&": 3, "|": 4, "^": 5, "&": 6, "==": 7, "!=": 7, "===": 7, "!==": 7,
        "<": 8, ">": 8, "<=": 8, ">=": 8, "instanceof": 8, "in": 8, "as": 8, "satisfies": 8,
        "<<": 9, ">>": 9, ">>>": 9, "+": 10, "-": 10, "*": 11, "/": 11, "%": 11, "**": 12,
    ]

    /// The binary operator at `pos` and its precedence, if any.
    private func binaryOperator() -> (String, Int)? {
        guard let kind = kind(pos), gtSplit == 0 else { return nil }
        let t = texts[pos]
        switch kind {
        case .punctuator: break
        case .identifier:
            if t == "as" || t == "satisfies" {
                guard dialect.typeScript, !newlineBefore[pos] else { return nil }
            } else if t != "instanceof" && t != "in" {
                return nil
            }
        default: return nil
        }
        return Self.precedence[t].map { (t, $0) }
    }

    /// Precedence climbing: operators at one level loop, only a tighter one recurses.
    private mutating func parseBinary(_ minimum: Int) throws(ParseError) -> Expression {
        let start = pos
        var left = try parseUnary()
        while let (op, level) = binaryOperator(), level > minimum {
            pos += 1
            if op == "as" || op == "satisfies" {
                let type = try parseType()
                left = Expression(.typeAssertion(left, type: type, style: op == "as" ? .as : .satisfies), start..<pos)
                continue
            }
            let right = try parseBinary(op == "**" ? level - 1 : level)
            left = Expression(.binary(operator: op, left: left, right: right), start..<pos)
        }
        return left
    }

    private static let prefixOperators: Set<String> = ["!", "~", "+", "-", "++", "--"]
    private static let prefixKeywords: Set<String> = ["typeof", "void", "delete"]

    private mutating func parseUnary() throws(ParseError) -> Expression {
        try enter()
        defer { leave() }
        let start = pos
        guard let kind = kind(pos) else { throw fail("expected an expression, found the end of the group") }
        if kind == .punctuator, gtSplit == 0, Self.prefixOperators.contains(texts[pos]) {
            let op = texts[pos]
            pos += 1
            let operand = try parseUnary()
            return Expression(.unary(operator: op, operand: operand), start..<pos)
        }
        if kind == .identifier {
            let word = texts[pos]
            if Self.prefixKeywords.contains(word), canStartExpression(pos + 1) {
                pos += 1
                let operand = try parseUnary()
                return Expression(.unary(operator: word, operand: operand), start..<pos)
            }
            if word == "await", canStartExpression(pos + 1), !isIdent(pos + 1, "using") {
                pos += 1
                let operand = try parseUnary()
                return Expression(.await(operand), start..<pos)
            }
        }
        // `<T>value` (TypeScript without JSX).
        if dialect.typeScript, !dialect.jsx, at("<") {
            pos += 1
            let typeStart = pos - 1
            _ = try parseType()
            try expectGreater()
            let type = typeStart..<pos
            let operand = try parseUnary()
            return Expression(.typeAssertion(operand, type: type, style: .angleBracket), start..<pos)
        }
        var e = try parseLeftHandSide()
        if atPunctuator(), texts[pos] == "++" || texts[pos] == "--", !newlineBefore[pos] {
            let op = texts[pos]
            pos += 1
            e = Expression(.postfix(operator: op, operand: e), start..<pos)
        }
        return e
    }

    /// A primary expression or `new`, then its member accesses, calls and tagged templates.
    mutating func parseLeftHandSide() throws(ParseError) -> Expression {
        let start = pos
        let base = atIdent("new") ? try parseNew() : try parsePrimary()
        return try parseCallTail(base, allowCalls: true, start: start)
    }

    /// `new Callee<T>(args)`, `new Callee`, `new.target`.
    private mutating func parseNew() throws(ParseError) -> Expression {
        try enter()
        defer { leave() }
        let start = pos
        pos += 1
        if at("."), isIdent(pos + 1, "target") {
            pos += 2
            return Expression(.metaProperty("new.target"), start..<pos)
        }
        let calleeStart = pos
        let base = atIdent("new") ? try parseNew() : try parsePrimary()
        let callee = try parseCallTail(base, allowCalls: false, start: calleeStart)
        var typeArguments: Range<Int>?
        if dialect.typeScript, at("<"), let arguments = tryTypeArguments() { typeArguments = arguments }
        var arguments: [Expression]?
        var parentheses: (Int, Int)?
        if at("(") {
            let (list, close) = try parseArguments()
            arguments = list
            parentheses = (close.open, close.close)
        }
        let call = Call(callee: callee, typeArguments: typeArguments, arguments: arguments, parentheses: parentheses, optional: false)
        return Expression(.new(call), start..<pos)
    }

    /// Member accesses, index accesses, calls (`allowCalls`), non-null assertions, type arguments
    /// and tagged templates after `base`.
    mutating func parseCallTail(_ base: Expression, allowCalls: Bool, start: Int) throws(ParseError) -> Expression {
        var e = base
        while !atEnd {
            let token = tokens[pos]
            if token.kind == .template || token.kind == .templateHead {
                guard allowCalls else { break }
                let template = try parseTemplate()
                e = Expression(.taggedTemplate(tag: e, template: template), start..<pos)
                continue
            }
            guard token.kind == .punctuator, gtSplit == 0 else { break }
            switch texts[pos] {
            case ".":
                pos += 1
                let name = try expectName()
                e = Expression(.member(object: e, name: name, optional: false), start..<pos)
            case "?.":
                pos += 1
                if at("(") {
                    let (arguments, parens) = try parseArguments()
                    e = Expression(.call(Call(callee: e, typeArguments: nil, arguments: arguments, parentheses: parens, optional: true)), start..<pos)
                } else if at("[") {
                    let (index, _) = try inGroup { (p: inout Parser) throws(ParseError) in try p.parseExpression() }
                    e = Expression(.index(object: e, index: index, optional: true), start..<pos)
                } else if dialect.typeScript, at("<"), let typeArguments = tryTypeArguments(), at("(") {
                    let (arguments, parens) = try parseArguments()
                    e = Expression(.call(Call(callee: e, typeArguments: typeArguments, arguments: arguments, parentheses: parens, optional: true)), start..<pos)
                } else {
                    let name = try expectName()
                    e = Expression(.member(object: e, name: name, optional: true), start..<pos)
                }
            case "[":
                let (index, _) = try inGroup { (p: inout Parser) throws(ParseError) in try p.parseExpression() }
                e = Expression(.index(object: e, index: index, optional: false), start..<pos)
            case "(" where allowCalls:
                let (arguments, parens) = try parseArguments()
                e = Expression(.call(Call(callee: e, typeArguments: nil, arguments: arguments, parentheses: parens, optional: false)), start..<pos)
            case "!" where dialect.typeScript && !newlineBefore[pos]:
                pos += 1
                e = Expression(.nonNull(e), start..<pos)
            case "<" where dialect.typeScript && allowCalls:
                let saved = pos
                guard let typeArguments = tryTypeArguments() else { return e }
                if at("(") {
                    let (arguments, parens) = try parseArguments()
                    e = Expression(.call(Call(callee: e, typeArguments: typeArguments, arguments: arguments, parentheses: parens, optional: false)), start..<pos)
                } else if !atEnd, tokens[pos].kind == .template || tokens[pos].kind == .templateHead {
                    continue
                } else if atEnd || newlineBefore[pos] || !canStartExpression(pos) {
                    e = Expression(.instantiation(e, typeArguments: typeArguments), start..<pos)
                } else {
                    pos = saved
                    gtSplit = 0
                    return e
                }
            default:
                return e
            }
        }
        return e
    }

    /// `( a, ...b )` with each unreadable argument as an opaque expression.
    mutating func parseArguments() throws(ParseError) -> ([Expression], (open: Int, close: Int)) {
        let open = pos
        let (list, close) = try inGroup { (p: inout Parser) throws(ParseError) -> [Expression] in
            p.parseList { (p: inout Parser) throws(ParseError) -> Expression in
                if p.at("...") {
                    let start = p.pos
                    p.pos += 1
                    let value = try p.parseAssignment()
                    return Expression(.spread(value), start..<p.pos)
                }
                return try p.parseAssignment()
            } opaque: { Expression(.opaque, $0) }
        }
        return (list, (open, close))
    }

    /// A comma-separated list up to the current end; an element that cannot be read becomes
    /// `opaque(range)` up to the next comma.
    mutating func parseList<T>(_ element: (inout Parser) throws(ParseError) -> T, opaque: (Range<Int>) -> T) -> [T] {
        var items: [T] = []
        while !atEnd {
            let start = pos
            do throws(ParseError) {
                let item = try element(&self)
                guard atEnd || at(",") else { throw fail("expected `,`, found \(describe(pos))") }
                items.append(item)
            } catch {
                items.append(opaque(skip(from: start, to: boundary(from: start, inList: true), error)))
            }
            if at(",") { pos += 1 }
        }
        return items
    }

    // MARK: - What may follow

    /// Whether token `i` can begin an expression.
    func canStartExpression(_ i: Int) -> Bool {
        guard let kind = kind(i) else { return false }
        switch kind {
        case .identifier:
            return !["in", "of", "instanceof", "as", "satisfies"].contains(texts[i])
        case .punctuator:
            return ["(", "[", "{", "!", "~", "+", "-", "++", "--", "<", "/", "/=", "...", "#", "@"].contains(texts[i])
        case .comment: return false
        default: return true
        }
    }

    /// Whether token `i` could continue an expression (used to tell `yield` the name from `yield`).
    func canContinue(_ i: Int) -> Bool {
        guard let kind = kind(i) else { return false }
        return kind == .punctuator && ![")", "]", "}", ",", ";", ":"].contains(texts[i])
    }
}
