import ScriptLexer

extension Parser {
    private static let statementOnlyWords: Set<String> = [
        "const", "var", "if", "else", "for", "while", "do", "return", "case", "default", "export", "switch", "try",
        "catch", "finally", "throw", "break", "continue", "debugger", "with", "in", "instanceof", "enum",
    ]

    /// Names, literals, `( … )`, `[ … ]`, `{ … }`, functions, classes, templates, JSX, `import(…)`.
    mutating func parsePrimary() throws(ParseError) -> Expression {
        let start = pos
        guard let kind = kind(pos) else { throw fail("expected an expression, found the end of the group") }
        func done(_ k: Expression.Kind) -> Expression { Expression(k, start..<pos) }
        switch kind {
        case .string:
            pos += 1
            return done(.string(stringValue(start)))
        case .number:
            pos += 1
            return done(.number(String(decoding: bytes[tokens[start].start..<tokens[start].end], as: UTF8.self)))
        case .regex:
            pos += 1
            return done(.regex)
        case .template, .templateHead:
            return done(.template(try parseTemplate()))
        case .jsx, .jsxPart:
            return done(.jsx(containers: try parseJSX()))
        case .opaque:
            pos += 1
            return done(.opaque)
        case .templateMiddle, .templateTail, .comment:
            throw fail("unexpected \(describe(pos))")
        case .punctuator:
            if gtSplit > 0 { throw fail("unexpected `>`") }
            switch texts[pos] {
            case "(":
                let (inner, _) = try inGroup { (p: inout Parser) throws(ParseError) in try p.parseExpression() }
                return done(.parenthesized(inner))
            case "[":
                let (elements, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [Expression?] in
                    var elements: [Expression?] = []
                    while !p.atEnd {
                        if p.at(",") {
                            elements.append(nil)
                            p.pos += 1
                            continue
                        }
                        let elementStart = p.pos
                        do throws(ParseError) {
                            let element = try p.parseArrayElement()
                            guard p.atEnd || p.at(",") else { throw p.fail("expected `,` or `]`, found \(p.describe(p.pos))") }
                            elements.append(element)
                        } catch {
                            elements.append(Expression(.opaque, p.skip(from: elementStart, to: p.boundary(from: elementStart, inList: true), error)))
                        }
                        if p.at(",") { p.pos += 1 }
                    }
                    return elements
                }
                return done(.array(elements))
            case "{":
                return done(.object(try parseObjectLiteral()))
            default:
                throw fail("unexpected \(describe(pos))")
            }
        case .identifier:
            let word = texts[pos]
            switch word {
            case "function":
                return done(.function(try parseFunction(declaration: false)))
            case "async" where isIdent(pos + 1, "function") && !newlineBefore[pos + 1]:
                return done(.function(try parseFunction(declaration: false)))
            case "class":
                return done(.class(try parseClass(decorators: [])))
            case "this":
                pos += 1
                return done(.this)
            case "super":
                pos += 1
                return done(.super)
            case "null":
                pos += 1
                return done(.null)
            case "true", "false":
                pos += 1
                return done(.boolean(word == "true"))
            case "import":
                pos += 1
                if at("."), isIdent(pos + 1) {
                    pos += 2
                    return done(.metaProperty("import.\(texts[pos - 1])"))
                }
                guard at("(") else { throw fail("expected `(` or `.` after `import`") }
                return done(.importCall(try parseArguments().0))
            case "new":
                return try parseLeftHandSide()
            default:
                if Self.statementOnlyWords.contains(word) { throw fail("unexpected `\(word)`") }
                pos += 1
                return done(.identifier(word))
            }
        }
    }

    private mutating func parseArrayElement() throws(ParseError) -> Expression {
        if at("...") {
            let start = pos
            pos += 1
            let value = try parseAssignment()
            return Expression(.spread(value), start..<pos)
        }
        return try parseAssignment()
    }

    // MARK: - Objects

    /// `{ key: value, shorthand, ...spread, method() {}, get x() {} }` (at `{`).
    mutating func parseObjectLiteral() throws(ParseError) -> ObjectLiteral {
        let open = pos
        let (properties, close) = try inGroup { (p: inout Parser) throws(ParseError) -> [ObjectLiteral.Property] in
            var properties: [ObjectLiteral.Property] = []
            while !p.atEnd {
                let start = p.pos
                var kind: ObjectLiteral.Property.Kind
                do throws(ParseError) {
                    kind = try p.parseProperty()
                    guard p.atEnd || p.at(",") else { throw p.fail("expected `,` or `}`, found \(p.describe(p.pos))") }
                } catch {
                    _ = p.skip(from: start, to: p.boundary(from: start, inList: true), error)
                    kind = .opaque
                }
                let range = start..<p.pos
                var comma: Int?
                if p.at(",") {
                    comma = p.pos
                    p.pos += 1
                }
                properties.append(.init(kind, range, comma: comma))
            }
            return properties
        }
        return ObjectLiteral(open: open, close: close, properties: properties)
    }

    private mutating func parseProperty() throws(ParseError) -> ObjectLiteral.Property.Kind {
        if at("...") {
            pos += 1
            return .spread(try parseAssignment())
        }
        let functionStart = pos
        let (accessor, isAsync, isGenerator) = parseMethodPrefix()
        let key = try parsePropertyKey()
        if at("(") || at("<") {
            let function = try parseFunctionRest(start: functionStart, name: key.name, isAsync: isAsync, isGenerator: isGenerator, bodyOptional: false)
            switch accessor {
            case "get": return .getter(key, function)
            case "set": return .setter(key, function)
            default: return .method(key, function)
            }
        }
        guard accessor == nil, !isAsync, !isGenerator else { throw fail("expected `(`, found \(describe(pos))") }
        if at(":") {
            pos += 1
            return .value(key, try parseAssignment())
        }
        guard case .identifier(let name) = key.kind else { throw fail("expected `:`, found \(describe(pos))") }
        var fallback: Expression?
        if at("=") {
            pos += 1
            fallback = try parseAssignment()
        }
        return .shorthand(name, fallback: fallback)
    }

    // MARK: - Templates and JSX

    /// A template literal at `pos`: one token, or head, substitutions, middles and tail.
    mutating func parseTemplate() throws(ParseError) -> Template {
        let start = pos
        if tokens[pos].kind == .template {
            pos += 1
            let token = tokens[start]
            return Template(textTokens: [start], substitutions: [], cooked: Self.decode(bytes[(token.start + 1)..<(token.end - 1)]))
        }
        var textTokens = [pos]
        var substitutions: [Expression] = []
        pos += 1
        while true {
            substitutions.append(try parseExpression())
            guard let kind = kind(pos), kind == .templateMiddle || kind == .templateTail else {
                throw fail("unterminated template literal", at: start)
            }
            textTokens.append(pos)
            pos += 1
            if kind == .templateTail { break }
        }
        return Template(textTokens: textTokens, substitutions: substitutions, cooked: nil)
    }

    /// A JSX element: markup tokens and the expressions of its containers.
    private mutating func parseJSX() throws(ParseError) -> [Expression] {
        var containers: [Expression] = []
        if tokens[pos].kind == .jsx {
            pos += 1
            return containers
        }
        pos += 1 // the first `jsxPart`
        while true {
            guard at("{") else { throw fail("expected a JSX container, found \(describe(pos))") }
            let (inner, _) = try inGroup { (p: inout Parser) throws(ParseError) -> Expression? in
                if p.atEnd { return nil }
                if p.at("...") {
                    let start = p.pos
                    p.pos += 1
                    let value = try p.parseAssignment()
                    return Expression(.spread(value), start..<p.pos)
                }
                return try p.parseExpression()
            }
            if let inner { containers.append(inner) }
            guard let kind = kind(pos) else { throw fail("unclosed JSX element") }
            if kind == .jsx {
                pos += 1
                return containers
            }
            if kind == .jsxPart { pos += 1 }
        }
    }
}
