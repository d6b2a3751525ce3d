import ScriptLexer

extension Parser {
    // MARK: - Functions

    /// `async function* name<T>(params): R { body }` as a declaration or expression; a declaration
    /// without a body is an overload signature.
    mutating func parseFunction(declaration: Bool) throws(ParseError) -> Function {
        let start = pos
        var isAsync = false
        if atIdent("async") {
            isAsync = true
            pos += 1
        }
        pos += 1 // `function`
        var isGenerator = false
        if at("*") {
            isGenerator = true
            pos += 1
        }
        var name: String?
        if atIdent(), !at("(") {
            name = texts[pos]
            pos += 1
        }
        return try parseFunctionRest(start: start, name: name, isAsync: isAsync, isGenerator: isGenerator, bodyOptional: declaration)
    }

    /// From the type parameters or `(` of a function or method to the end of its body.
    mutating func parseFunctionRest(start: Int, name: String?, isAsync: Bool, isGenerator: Bool, bodyOptional: Bool) throws(ParseError) -> Function {
        var typeParameters: Range<Int>?
        if at("<") { typeParameters = try parseTypeParameters() }
        let parameters = try parseParameters()
        var returnType: Range<Int>?
        if at(":") {
            pos += 1
            returnType = try parseType()
        }
        var body: Function.Body?
        if at("{") {
            body = .block(try parseBlock())
        } else if bodyOptional {
            try consumeSemicolon()
        } else {
            throw fail("expected the function's body, found \(describe(pos))")
        }
        return Function(range: start..<pos, name: name, isArrow: false, isAsync: isAsync, isGenerator: isGenerator,
                        typeParameters: typeParameters, parameters: parameters, returnType: returnType, body: body)
    }

    private static let parameterModifiers: Set<String> = ["public", "private", "protected", "readonly", "override"]

    /// `( params )`.
    mutating func parseParameters() throws(ParseError) -> [Parameter] {
        guard at("(") else { throw fail("expected `(`, found \(describe(pos))") }
        return try inGroup { (p: inout Parser) throws(ParseError) -> [Parameter] in
            var parameters: [Parameter] = []
            while !p.atEnd {
                parameters.append(try p.parseParameter())
                if p.at(",") { p.pos += 1 } else { break }
            }
            return parameters
        }.0
    }

    private mutating func parseParameter() throws(ParseError) -> Parameter {
        let start = pos
        let decorators = try parseDecorators()
        var modifiers: [String] = []
        while atIdent(), Self.parameterModifiers.contains(texts[pos]), isIdent(pos + 1) || isPunct(pos + 1, "{") || isPunct(pos + 1, "[") {
            modifiers.append(texts[pos])
            pos += 1
        }
        var isRest = false
        if at("...") {
            isRest = true
            pos += 1
        }
        var pattern = try parseBindingPattern()
        if at("?") { pos += 1 }
        var type: Range<Int>?
        if at(":") {
            pos += 1
            type = try parseType()
        }
        if at("=") {
            pos += 1
            let fallback = try parseAssignment()
            pattern = Pattern(.defaulted(pattern, fallback), pattern.range.lowerBound..<pos)
        }
        return Parameter(range: start..<pos, pattern: pattern, type: type, modifiers: modifiers, isRest: isRest, decorators: decorators)
    }

    // MARK: - Classes

    private static let memberModifiers: Set<String> = [
        "static", "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor",
    ]

    /// `class Name<T> extends Base<T> implements I { members }` (at `class`).
    mutating func parseClass(decorators: [Expression]) throws(ParseError) -> ClassDeclaration {
        let start = decorators.first?.range.lowerBound ?? pos
        guard atIdent("class") else { throw fail("expected `class`, found \(describe(pos))") }
        pos += 1
        var name: String?
        if atIdent(), !atIdent("extends"), !atIdent("implements") {
            name = texts[pos]
            pos += 1
        }
        var typeParameters: Range<Int>?
        if at("<") { typeParameters = try parseTypeParameters() }
        var superclass: Expression?
        if atIdent("extends") {
            pos += 1
            let base = pos
            superclass = try parseCallTail(try parsePrimary(), allowCalls: true, start: base)
            if at("<") { _ = try parseTypeArgumentsRequired() }
        }
        if atIdent("implements") {
            repeat {
                pos += 1
                _ = try parseType()
            } while at(",")
        }
        guard at("{") else { throw fail("expected the class body, found \(describe(pos))") }
        let (members, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [ClassMember] in
            var members: [ClassMember] = []
            while !p.atEnd {
                let memberStart = p.pos
                do throws(ParseError) {
                    members.append(try p.parseClassMember())
                } catch {
                    let range = p.skip(from: memberStart, to: p.boundary(from: memberStart, inList: false), error)
                    members.append(ClassMember(range: range, decorators: [], modifiers: [], kind: .opaque))
                }
            }
            return members
        }
        return ClassDeclaration(range: start..<pos, name: name, decorators: decorators, typeParameters: typeParameters,
                                superclass: superclass, members: members)
    }

    /// Whether token `i` can start a member's or property's key.
    func startsKey(_ i: Int) -> Bool {
        guard let kind = kind(i) else { return false }
        switch kind {
        case .identifier, .string, .number: return true
        case .punctuator: return texts[i] == "[" || texts[i] == "*" || texts[i] == "{"
        default: return false
        }
    }

    private mutating func parseClassMember() throws(ParseError) -> ClassMember {
        let start = pos
        if at(";") {
            pos += 1
            return ClassMember(range: start..<pos, decorators: [], modifiers: [], kind: .empty)
        }
        let decorators = try parseDecorators()
        var modifiers: [String] = []
        while atIdent(), Self.memberModifiers.contains(texts[pos]), startsKey(pos + 1), !newlineBefore[pos + 1] {
            if texts[pos] == "static", isPunct(pos + 1, "{") { break }
            modifiers.append(texts[pos])
            pos += 1
        }
        func member(_ kind: ClassMember.Kind) -> ClassMember {
            ClassMember(range: start..<pos, decorators: decorators, modifiers: modifiers, kind: kind)
        }
        if atIdent("static"), isPunct(pos + 1, "{") {
            pos += 1
            return member(.staticBlock(try parseBlock()))
        }
        // `[key: string]: T;`
        if at("["), isIdent(pos + 1), isPunct(pos + 2, ":") {
            _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
            if at(":") {
                pos += 1
                _ = try parseType()
            }
            try consumeSemicolon()
            return member(.indexSignature)
        }
        let (accessor, isAsync, isGenerator) = parseMethodPrefix()
        let keyStart = pos
        let key = try parsePropertyKey()
        if at("?") || at("!") { pos += 1 }
        if at("(") || at("<") {
            if key.name == "constructor", accessor == nil {
                return member(.constructor(try parseFunctionRest(start: keyStart, name: "constructor", isAsync: false, isGenerator: false, bodyOptional: true)))
            }
            let function = try parseFunctionRest(start: keyStart, name: key.name, isAsync: isAsync, isGenerator: isGenerator, bodyOptional: true)
            switch accessor {
            case "get": return member(.getter(key, function))
            case "set": return member(.setter(key, function))
            default: return member(.method(key, function))
            }
        }
        guard accessor == nil, !isAsync, !isGenerator else { throw fail("expected `(`, found \(describe(pos))") }
        var type: Range<Int>?
        if at(":") {
            pos += 1
            type = try parseType()
        }
        var value: Expression?
        if at("=") {
            pos += 1
            value = try parseAssignment()
        }
        try consumeSemicolon()
        return member(.property(key, type: type, value: value))
    }

    /// `get`, `set`, `async` and `*` before a method's key (each only when a key follows, so a
    /// property or method named `get` stays one).
    mutating func parseMethodPrefix() -> (accessor: String?, isAsync: Bool, isGenerator: Bool) {
        var accessor: String?
        var isAsync = false
        if atIdent("async"), startsKey(pos + 1), !newlineBefore[pos + 1] {
            isAsync = true
            pos += 1
        } else if atIdent("get") || atIdent("set"), startsKey(pos + 1), !isPunct(pos + 1, "*"), !isPunct(pos + 1, "{") {
            accessor = texts[pos]
            pos += 1
        }
        var isGenerator = false
        if at("*") {
            isGenerator = true
            pos += 1
        }
        return (accessor, isAsync, isGenerator)
    }

    /// An identifier, string, number, `#private` or `[computed]` key.
    mutating func parsePropertyKey() throws(ParseError) -> PropertyKey {
        let start = pos
        switch kind(pos) {
        case .identifier:
            pos += 1
            let name = texts[start]
            return PropertyKey(name.hasPrefix("#") ? .privateName(name) : .identifier(name), start..<pos)
        case .string:
            pos += 1
            return PropertyKey(.string(stringValue(start)), start..<pos)
        case .number:
            pos += 1
            return PropertyKey(.number(String(decoding: bytes[tokens[start].start..<tokens[start].end], as: UTF8.self)), start..<pos)
        case .punctuator where at("["):
            let (e, _) = try inGroup { (p: inout Parser) throws(ParseError) in try p.parseAssignment() }
            return PropertyKey(.computed(e), start..<pos)
        default:
            throw fail("expected a property name, found \(describe(pos))")
        }
    }

    // MARK: - Modules

    /// `import … from "m"`, `import "m"`, `import x = require("m")`, `import A = B.C` (at `import`).
    mutating func parseImport() throws(ParseError) -> ImportDeclaration {
        pos += 1
        var declaration = ImportDeclaration(module: nil, defaultBinding: nil, namespaceBinding: nil, named: [], isTypeOnly: false, isRequire: false)
        if kind(pos) == .string {
            declaration.module = stringValue(pos)
            pos += 1
            try skipImportAttributes()
            try consumeSemicolon()
            return declaration
        }
        if atIdent("type"), !isIdent(pos + 1, "from"), !isPunct(pos + 1, ","), !isPunct(pos + 1, "=") {
            declaration.isTypeOnly = true
            pos += 1
        }
        if atIdent(), !atIdent("from") || isIdent(pos + 1, "from") {
            declaration.defaultBinding = texts[pos]
            pos += 1
            if at("=") {
                pos += 1
                if atIdent("require"), isPunct(pos + 1, "("), kind(pos + 2) == .string, isPunct(pos + 3, ")") {
                    declaration.module = stringValue(pos + 2)
                    declaration.isRequire = true
                    pos += 4
                } else {
                    _ = try expectName()
                    while at(".") {
                        pos += 1
                        _ = try expectName()
                    }
                }
                try consumeSemicolon()
                return declaration
            }
            if at(",") { pos += 1 }
        }
        if at("*") {
            pos += 1
            guard atIdent("as") else { throw fail("expected `as` after `import *`") }
            pos += 1
            declaration.namespaceBinding = try expectName()
        } else if at("{") {
            declaration.named = try inGroup { (p: inout Parser) throws(ParseError) -> [ImportDeclaration.Specifier] in
                var named: [ImportDeclaration.Specifier] = []
                while !p.atEnd {
                    var isType = false
                    if p.atIdent("type"), p.isIdent(p.pos + 1) || p.kind(p.pos + 1) == .string, !p.isIdent(p.pos + 1, "as") || p.isIdent(p.pos + 2) {
                        isType = true
                        p.pos += 1
                    }
                    let imported: String
                    if p.kind(p.pos) == .string {
                        imported = p.stringValue(p.pos)
                        p.pos += 1
                    } else {
                        imported = try p.expectName()
                    }
                    var local = imported
                    if p.atIdent("as") {
                        p.pos += 1
                        local = try p.expectName()
                    }
                    named.append(.init(imported: imported, local: local, isTypeOnly: isType))
                    if p.at(",") { p.pos += 1 } else { break }
                }
                return named
            }.0
        }
        guard atIdent("from"), kind(pos + 1) == .string else { throw fail("expected `from \"module\"`, found \(describe(pos))") }
        declaration.module = stringValue(pos + 1)
        pos += 2
        try skipImportAttributes()
        try consumeSemicolon()
        return declaration
    }

    /// `with { type: "json" }` or `assert { … }` after a module specifier.
    private mutating func skipImportAttributes() throws(ParseError) {
        if (atIdent("with") || (atIdent("assert") && !newlineBefore[pos])), isPunct(pos + 1, "{") {
            pos += 1
            _ = try inGroup { (p: inout Parser) throws(ParseError) in p.pos = p.end }
        }
    }

    /// Every form of `export` (at `export`, after any decorators).
    mutating func parseExport(decorators: [Expression]) throws(ParseError) -> Statement.Kind {
        let start = pos
        pos += 1
        if atIdent("default") {
            pos += 1
            let valueStart = pos
            if atIdent("function") || (atIdent("async") && isIdent(pos + 1, "function") && !newlineBefore[pos + 1]) {
                let function = try parseFunction(declaration: true)
                return .export(.defaultValue(Expression(.function(function), valueStart..<pos)))
            }
            if atIdent("class") || at("@") || (atIdent("abstract") && isIdent(pos + 1, "class")) {
                let more = try parseDecorators()
                if atIdent("abstract") { pos += 1 }
                let declaration = try parseClass(decorators: decorators + more)
                return .export(.defaultValue(Expression(.class(declaration), valueStart..<pos)))
            }
            if atIdent("interface"), isIdent(pos + 1) {
                let inner = try parseStatement()
                return .export(.declaration(inner))
            }
            let value = try parseAssignment()
            try consumeSemicolon()
            return .export(.defaultValue(value))
        }
        if at("=") {
            pos += 1
            let value = try parseExpression()
            try consumeSemicolon()
            return .export(.assignment(value))
        }
        if at("*") {
            pos += 1
            var alias: String?
            if atIdent("as") {
                pos += 1
                alias = kind(pos) == .string ? stringValue(pos) : texts[pos]
                pos += 1
            }
            guard atIdent("from"), kind(pos + 1) == .string else { throw fail("expected `from \"module\"`, found \(describe(pos))") }
            let module = stringValue(pos + 1)
            pos += 2
            try skipImportAttributes()
            try consumeSemicolon()
            return .export(.all(as: alias, from: module))
        }
        if atIdent("type"), isPunct(pos + 1, "*") { return try parseExportAll(start: start) }
        var isTypeOnly = false
        if atIdent("type"), isPunct(pos + 1, "{") {
            isTypeOnly = true
            pos += 1
        }
        if at("{") {
            let (specifiers, _) = try inGroup { (p: inout Parser) throws(ParseError) -> [ExportDeclaration.Specifier] in
                var specifiers: [ExportDeclaration.Specifier] = []
                while !p.atEnd {
                    var isType = false
                    if p.atIdent("type"), p.isIdent(p.pos + 1) || p.kind(p.pos + 1) == .string, !p.isPunct(p.pos + 1, ",") {
                        isType = true
                        p.pos += 1
                    }
                    let local = p.kind(p.pos) == .string ? p.stringValue(p.pos) : p.texts[p.pos]
                    guard p.kind(p.pos) == .string || p.atIdent() else { throw p.fail("expected a name, found \(p.describe(p.pos))") }
                    p.pos += 1
                    var exported = local
                    if p.atIdent("as") {
                        p.pos += 1
                        guard p.kind(p.pos) == .string || p.atIdent() else { throw p.fail("expected a name after `as`") }
                        exported = p.kind(p.pos) == .string ? p.stringValue(p.pos) : p.texts[p.pos]
                        p.pos += 1
                    }
                    specifiers.append(.init(local: local, exported: exported, isTypeOnly: isTypeOnly || isType))
                    if p.at(",") { p.pos += 1 } else { break }
                }
                return specifiers
            }
            var module: String?
            if atIdent("from"), kind(pos + 1) == .string {
                module = stringValue(pos + 1)
                pos += 2
                try skipImportAttributes()
            }
            try consumeSemicolon()
            return .export(.named(specifiers, from: module, isTypeOnly: isTypeOnly))
        }
        if atIdent("as"), isIdent(pos + 1, "namespace") {
            pos += 2
            _ = try expectName()
            try consumeSemicolon()
            return .export(.namespaceDeclaration)
        }
        if atIdent("import") {
            return .export(.declaration(Statement(.import(try parseImport()), (start + 1)..<pos)))
        }
        let inner: Statement
        if decorators.isEmpty {
            inner = try parseStatement()
        } else {
            let innerStart = pos
            if atIdent("abstract") { pos += 1 }
            inner = Statement(.class(try parseClass(decorators: decorators)), innerStart..<pos)
        }
        switch inner.kind {
        case .variable, .function, .class, .enum, .namespace, .typeOnly, .import: return .export(.declaration(inner))
        default: throw fail("`export` of something that is not a declaration", at: start)
        }
    }

    private mutating func parseExportAll(start: Int) throws(ParseError) -> Statement.Kind {
        pos = start + 3 // `export type *`
        var alias: String?
        if atIdent("as") {
            pos += 1
            alias = try expectName()
        }
        guard atIdent("from"), kind(pos + 1) == .string else { throw fail("expected `from \"module\"`") }
        let module = stringValue(pos + 1)
        pos += 2
        try consumeSemicolon()
        return .export(.all(as: alias, from: module))
    }
}
