import ScriptLexer

extension Parser {
    /// Statements up to the current end; each unreadable one becomes an opaque statement.
    mutating func parseStatements(stopAtCaseLabel: Bool = false) -> [Statement] {
        var statements: [Statement] = []
        while !atEnd {
            if stopAtCaseLabel, atIdent("case") || (atIdent("default") && isPunct(pos + 1, ":")) { break }
            let start = pos
            do throws(ParseError) {
                statements.append(try parseStatement())
            } catch {
                let range = skip(from: start, to: boundary(from: start, inList: false), error)
                statements.append(Statement(.opaque, range))
            }
            if pos == start { // never stall
                let range = skip(from: start, to: start + 1, fail("unexpected \(describe(start))", at: start))
                statements.append(Statement(.opaque, range))
            }
        }
        return statements
    }

    /// The whole source as one expression (a JSON file); anything after it is opaque.
    mutating func parseSingleExpression() -> [Statement] {
        guard !atEnd else { return [] }
        let start = pos
        do throws(ParseError) {
            let e = try parseExpression()
            var statements = [Statement(.expression(e), start..<pos)]
            if !atEnd {
                let rest = skip(from: pos, to: end, fail("unexpected \(describe(pos)) after the expression"))
                statements.append(Statement(.opaque, rest))
            }
            return statements
        } catch {
            return [Statement(.opaque, skip(from: start, to: end, error))]
        }
    }

    mutating func parseStatement() throws(ParseError) -> Statement {
        try enter()
        defer { leave() }
        let start = pos
        let kind = try parseStatementKind()
        return Statement(kind, start..<pos)
    }

    private mutating func parseStatementKind() throws(ParseError) -> Statement.Kind {
        if kind(pos) == .opaque {
            pos += 1
            try consumeSemicolon()
            return .opaque
        }
        if at("{") { return .block(try parseBlock()) }
        if at(";") {
            pos += 1
            return .empty
        }
        if at("@") {
            let decorators = try parseDecorators()
            if atIdent("export") { return try parseExport(decorators: decorators) }
            return .class(try parseClass(decorators: decorators))
        }
        guard atIdent() else { return try expressionStatement() }
        let word = texts[pos]
        let next = pos + 1
        let sameLine = next < end && !newlineBefore[next]
        switch word {
        case "var", "const":
            if word == "const", isIdent(next, "enum") {
                pos += 1
                return try parseEnum()
            }
            let declaration = try parseVariableDeclaration()
            try consumeSemicolon()
            return .variable(declaration)
        case "let" where isIdent(next) || isPunct(next, "[") || isPunct(next, "{"):
            let declaration = try parseVariableDeclaration()
            try consumeSemicolon()
            return .variable(declaration)
        case "using" where sameLine && isIdent(next) && !isIdent(next, "in"),
            "await" where sameLine && isIdent(next, "using") && isIdent(next + 1):
            let declaration = try parseVariableDeclaration()
            try consumeSemicolon()
            return .variable(declaration)
        case "function":
            return .function(try parseFunction(declaration: true))
        case "async" where sameLine && isIdent(next, "function"):
            return .function(try parseFunction(declaration: true))
        case "class":
            return .class(try parseClass(decorators: []))
        case "abstract" where sameLine && isIdent(next, "class"):
            pos += 1
            return .class(try parseClass(decorators: []))
        case "if": return try parseIf()
        case "for": return try parseFor()
        case "while", "with":
            pos += 1
            let (test, _) = try inParentheses()
            let body = try parseStatement()
            return .loop(head: [Statement(.expression(test), test.range)], body: body)
        case "do":
            pos += 1
            let body = try parseStatement()
            guard atIdent("while") else { throw fail("expected `while`, found \(describe(pos))") }
            pos += 1
            let (test, _) = try inParentheses()
            if at(";") { pos += 1 }
            return .loop(head: [Statement(.expression(test), test.range)], body: body)
        case "return", "throw":
            pos += 1
            var value: Expression?
            if !(at(";") || at("}") || atEnd || newlineBefore[pos]) { value = try parseExpression() }
            try consumeSemicolon()
            if word == "throw" {
                guard let value else { throw fail("`throw` needs a value") }
                return .throw(value)
            }
            return .return(value)
        case "break", "continue", "debugger":
            pos += 1
            if word != "debugger", atIdent(), !newlineBefore[pos] { pos += 1 }
            try consumeSemicolon()
            return .jump
        case "try": return try parseTry()
        case "switch": return try parseSwitch()
        case "import" where !(isPunct(next, "(") || isPunct(next, ".")):
            return .import(try parseImport())
        case "export":
            return try parseExport(decorators: [])
        default:
            break
        }
        if let typeScript = try parseTypeScriptDeclaration(word, sameLine: sameLine) { return typeScript }
        // `label:`
        if isPunct(next, ":"), !["true", "false", "null", "this"].contains(word) {
            pos += 2
            return .labeled(word, try parseStatement())
        }
        return try expressionStatement()
    }

    private mutating func expressionStatement() throws(ParseError) -> Statement.Kind {
        let expression = try parseExpression()
        try consumeSemicolon()
        return .expression(expression)
    }

    /// `interface`, `type`, `enum`, `declare`, `namespace`/`module`, `global`; nil when `word` does
    /// not start one here.
    private mutating func parseTypeScriptDeclaration(_ word: String, sameLine: Bool) throws(ParseError) -> Statement.Kind? {
        let next = pos + 1
        switch word {
        case "interface" where sameLine && isIdent(next):
            pos += 2
            if at("<") { _ = try parseTypeParameters() }
            if atIdent("extends") {
                repeat {
                    pos += 1
                    _ = try parseType()
                } while at(",")
            }
            guard at("{") else { throw fail("expected the interface's body, found \(describe(pos))") }
            _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
            return .typeOnly
        case "type" where sameLine && isIdent(next) && !isPunct(next + 1, "(") && !isPunct(next + 1, "."):
            pos += 2
            if at("<") { _ = try parseTypeParameters() }
            try expect("=")
            _ = try parseType()
            try consumeSemicolon()
            return .typeOnly
        case "enum" where sameLine && isIdent(next):
            return try parseEnum()
        case "declare" where sameLine && (isIdent(next) || isPunct(next, "@")):
            pos += 1
            let inner = try parseStatement()
            if case .namespace = inner.kind { return inner.kind }
            return .typeOnly
        case "namespace" where sameLine && isIdent(next), "module" where sameLine && (isIdent(next) || kind(next) == .string):
            pos += 1
            var name = kind(pos) == .string ? stringValue(pos) : texts[pos]
            pos += 1
            while at("."), isIdent(pos + 1) {
                name += "." + texts[pos + 1]
                pos += 2
            }
            if !at("{") {
                try consumeSemicolon() // `declare module "x";`
                return .namespace(name: name, body: [])
            }
            return .namespace(name: name, body: try parseBlock())
        case "global" where isPunct(next, "{"):
            pos += 1
            return .namespace(name: "global", body: try parseBlock())
        default:
            return nil
        }
    }

    private mutating func parseEnum() throws(ParseError) -> Statement.Kind {
        pos += 1
        let name = try expectName()
        guard at("{") else { throw fail("expected the enum's body") }
        _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
        return .enum(name: name)
    }

    /// `{ statements }`.
    mutating func parseBlock() throws(ParseError) -> [Statement] {
        guard at("{") else { throw fail("expected `{`, found \(describe(pos))") }
        return try inGroup { (p: inout Parser) throws(ParseError) in p.parseStatements() }.0
    }

    /// `( expression )`.
    mutating func inParentheses() throws(ParseError) -> (Expression, close: Int) {
        guard at("(") else { throw fail("expected `(`, found \(describe(pos))") }
        return try inGroup { (p: inout Parser) throws(ParseError) in try p.parseExpression() }
    }

    private mutating func parseIf() throws(ParseError) -> Statement.Kind {
        pos += 1
        let (test, _) = try inParentheses()
        let then = try parseStatement()
        var otherwise: Statement?
        if atIdent("else") {
            pos += 1
            otherwise = try parseStatement()
        }
        return .if(test: test, then: then, otherwise: otherwise)
    }

    private mutating func parseFor() throws(ParseError) -> Statement.Kind {
        pos += 1
        if atIdent("await") { pos += 1 }
        guard at("(") else { throw fail("expected `(` after `for`") }
        let (head, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [Statement] in
            var head: [Statement] = []
            let start = p.pos
            if p.at(";") {
            } else if p.atIdent("var") || p.atIdent("const") || (p.atIdent("let") && !p.isPunct(p.pos + 1, "="))
                || (p.atIdent("using") && p.isIdent(p.pos + 1) && !p.isIdent(p.pos + 1, "of"))
            {
                head.append(Statement(.variable(try p.parseVariableDeclaration()), start..<p.pos))
            } else {
                let e = try p.parseExpression()
                head.append(Statement(.expression(e), e.range))
                if p.atEnd { return head } // `for (x in y)` read as one binary expression
            }
            if p.atIdent("of") || p.atIdent("in") {
                p.pos += 1
                let e = try p.parseAssignment()
                head.append(Statement(.expression(e), e.range))
                return head
            }
            try p.expect(";")
            if !p.at(";") {
                let e = try p.parseExpression()
                head.append(Statement(.expression(e), e.range))
            }
            try p.expect(";")
            if !p.atEnd {
                let e = try p.parseExpression()
                head.append(Statement(.expression(e), e.range))
            }
            return head
        }
        return .loop(head: head, body: try parseStatement())
    }

    private mutating func parseTry() throws(ParseError) -> Statement.Kind {
        pos += 1
        let body = try parseBlock()
        var binding: Pattern?
        var handler: [Statement]?
        var finalizer: [Statement]?
        if atIdent("catch") {
            pos += 1
            if at("(") {
                binding = try inGroup { (p: inout Parser) throws(ParseError) -> Pattern in
                    let pattern = try p.parseBindingPattern()
                    if p.at(":") {
                        p.pos += 1
                        _ = try p.parseType()
                    }
                    return pattern
                }.0
            }
            handler = try parseBlock()
        }
        if atIdent("finally") {
            pos += 1
            finalizer = try parseBlock()
        }
        guard handler != nil || finalizer != nil else { throw fail("`try` without `catch` or `finally`") }
        return .try(body: body, binding: binding, handler: handler, finalizer: finalizer)
    }

    private mutating func parseSwitch() throws(ParseError) -> Statement.Kind {
        pos += 1
        let (discriminant, _) = try inParentheses()
        guard at("{") else { throw fail("expected the switch's body") }
        let (cases, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [SwitchCase] in
            var cases: [SwitchCase] = []
            while !p.atEnd {
                let start = p.pos
                var test: Expression?
                if p.atIdent("case") {
                    p.pos += 1
                    test = try p.parseExpression()
                } else if p.atIdent("default") {
                    p.pos += 1
                } else {
                    throw p.fail("expected `case` or `default`, found \(p.describe(p.pos))")
                }
                try p.expect(":")
                let body = p.parseStatements(stopAtCaseLabel: true)
                cases.append(SwitchCase(range: start..<p.pos, test: test, body: body))
            }
            return cases
        }
        return .switch(discriminant: discriminant, cases: cases)
    }

    /// `const a: T = 1, b` without the semicolon (`for` heads use it too).
    mutating func parseVariableDeclaration() throws(ParseError) -> VariableDeclaration {
        var keyword = texts[pos]
        pos += 1
        if keyword == "await" {
            keyword = "await using"
            pos += 1
        }
        var declarators: [VariableDeclaration.Declarator] = []
        repeat {
            if at(",") { pos += 1 }
            let start = pos
            let target = try parseBindingPattern()
            if at("!") { pos += 1 } // definite assignment `let x!: T`
            var type: Range<Int>?
            if at(":") {
                pos += 1
                type = try parseType()
            }
            var initializer: Expression?
            if at("=") {
                pos += 1
                initializer = try parseAssignment()
            }
            declarators.append(.init(range: start..<pos, target: target, type: type, initializer: initializer))
        } while at(",")
        return VariableDeclaration(keyword: keyword, declarators: declarators)
    }

    /// `@a @b.c(d)` before a class, member or parameter.
    mutating func parseDecorators() throws(ParseError) -> [Expression] {
        var decorators: [Expression] = []
        while at("@") {
            let start = pos
            pos += 1
            var e: Expression
            if at("(") {
                e = try parsePrimary()
            } else {
                let name = try expectName()
                e = Expression(.identifier(name), (start + 1)..<pos)
            }
            e = try parseCallTail(e, allowCalls: true, start: start + 1)
            decorators.append(Expression(e.kind, start..<pos))
        }
        return decorators
    }
}
