import ScriptLexer

extension Parser {
    /// An arrow function at `pos`, or nil (nothing consumed) when there is none:
    /// `x => …`, `async x => …`, `(a, b) => …`, `async (a): T => …`, `<T>(a: T) => …`.
    mutating func parseArrowIfPresent() throws(ParseError) -> Function? {
        let start = pos
        var head = pos
        var isAsync = false
        if isIdent(head, "async"), !newlineBefore[min(head + 1, tokens.count - 1)],
            isIdent(head + 1) || isPunct(head + 1, "(") || (dialect.typeScript && isPunct(head + 1, "<"))
        {
            // `async(x)` may be a call of a function named async; decided below by what follows.
            isAsync = true
            head += 1
        }
        // `x => body`
        if isIdent(head), isPunct(head + 1, "=>"), !newlineBefore[head + 1] {
            let name = texts[head]
            pos = head + 1
            let parameter = Parameter(range: head..<(head + 1), pattern: Pattern(.identifier(name), head..<(head + 1)), type: nil,
                                      modifiers: [], isRest: false, decorators: [])
            return try finishArrow(start: start, isAsync: isAsync, typeParameters: nil, parameters: [parameter])
        }
        let definite: Bool
        if isPunct(head, "(") {
            let close = partner[head]
            guard close > head, close < end else { return nil }
            if isPunct(close + 1, "=>") {
                definite = true
            } else if dialect.typeScript, isPunct(close + 1, ":") {
                definite = false
            } else {
                return nil
            }
        } else if dialect.typeScript, isPunct(head, "<") {
            definite = false
        } else {
            return nil
        }
        if definite {
            pos = head
            return try arrowAfterHead(start: start, isAsync: isAsync)
        }
        guard !failedArrows.contains(head) else { return nil }
        if let arrow = attempt({ (p: inout Parser) throws(ParseError) -> Function in
            p.pos = head
            return try p.arrowAfterHead(start: start, isAsync: isAsync)
        }) {
            return arrow
        }
        failedArrows.insert(head)
        return nil
    }

    private mutating func arrowAfterHead(start: Int, isAsync: Bool) throws(ParseError) -> Function {
        var typeParameters: Range<Int>?
        if at("<") { typeParameters = try parseTypeParameters() }
        let parameters = try parseParameters()
        return try finishArrow(start: start, isAsync: isAsync, typeParameters: typeParameters, parameters: parameters)
    }

    private mutating func finishArrow(start: Int, isAsync: Bool, typeParameters: Range<Int>?, parameters: [Parameter]) throws(ParseError) -> Function {
        var returnType: Range<Int>?
        if at(":") {
            pos += 1
            returnType = try parseType()
        }
        guard at("=>"), !newlineBefore[pos] else { throw fail("expected `=>`, found \(describe(pos))") }
        pos += 1
        let body: Function.Body = at("{") ? .block(try parseBlock()) : .expression(try parseAssignment())
        return Function(range: start..<pos, name: nil, isArrow: true, isAsync: isAsync, isGenerator: false,
                        typeParameters: typeParameters, parameters: parameters, returnType: returnType, body: body)
    }

    // MARK: - Binding patterns

    /// A name, `{ … }` or `[ … ]` binding pattern (defaults inside; not a trailing `= default`).
    mutating func parseBindingPattern() throws(ParseError) -> Pattern {
        try enter()
        defer { leave() }
        let start = pos
        if at("{") {
            let (properties, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [Pattern.Property] in
                var properties: [Pattern.Property] = []
                while !p.atEnd {
                    let propertyStart = p.pos
                    if p.at("...") {
                        p.pos += 1
                        let inner = try p.parseBindingPattern()
                        properties.append(.init(range: propertyStart..<p.pos, key: nil, value: Pattern(.rest(inner), propertyStart..<p.pos)))
                    } else {
                        let key = try p.parsePropertyKey()
                        var value: Pattern
                        if p.at(":") {
                            p.pos += 1
                            value = try p.parseBindingPattern()
                        } else if case .identifier(let name) = key.kind {
                            value = Pattern(.identifier(name), key.range)
                        } else {
                            throw p.fail("expected `:` after a computed or quoted key")
                        }
                        value = try p.parseDefault(value)
                        properties.append(.init(range: propertyStart..<p.pos, key: key, value: value))
                    }
                    if p.at(",") { p.pos += 1 } else { break }
                }
                return properties
            }
            return Pattern(.object(properties), start..<pos)
        }
        if at("[") {
            let (elements, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [Pattern?] in
                var elements: [Pattern?] = []
                while !p.atEnd {
                    if p.at(",") {
                        elements.append(nil)
                        p.pos += 1
                        continue
                    }
                    let elementStart = p.pos
                    if p.at("...") {
                        p.pos += 1
                        let inner = try p.parseBindingPattern()
                        elements.append(Pattern(.rest(inner), elementStart..<p.pos))
                    } else {
                        elements.append(try p.parseDefault(try p.parseBindingPattern()))
                    }
                    if p.at(",") { p.pos += 1 } else { break }
                }
                return elements
            }
            return Pattern(.array(elements), start..<pos)
        }
        guard atIdent() else { throw fail("expected a name or pattern, found \(describe(pos))") }
        pos += 1
        return Pattern(.identifier(texts[start]), start..<pos)
    }

    private mutating func parseDefault(_ pattern: Pattern) throws(ParseError) -> Pattern {
        guard at("=") else { return pattern }
        pos += 1
        let fallback = try parseAssignment()
        return Pattern(.defaulted(pattern, fallback), pattern.range.lowerBound..<pos)
    }
}
