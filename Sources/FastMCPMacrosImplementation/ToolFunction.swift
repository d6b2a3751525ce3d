import SwiftDiagnostics
import SwiftSyntax

/// One `@Tool` method, read from its declaration: what the tool is called, what it says,
/// which parameters become arguments and how the method is called back.
struct ToolFunction {
    /// One parameter of the method.
    struct Parameter {
        /// The argument label at the call site (`nil` for `_`).
        var label: String?
        /// The JSON name: the label, or the parameter name when there is no label.
        var jsonName: String
        var type: TypeSyntax
        var defaultValue: ExprSyntax?
        /// The injected `Context` (not an argument).
        var isContext: Bool

        var isOptional: Bool {
            if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
            if let identifier = type.as(IdentifierTypeSyntax.self), identifier.name.text == "Optional" { return true }
            return false
        }
    }

    var declaration: FunctionDeclSyntax
    var attribute: AttributeSyntax
    var parameters: [Parameter]
    var documentation: DocComment
    /// The attribute's arguments by label (`""` for the unlabeled tool name).
    var arguments: [String: ExprSyntax]
    var isStatic: Bool
    var throwsErrors: Bool
    var isAsync: Bool
    var returnsNothing: Bool

    /// The JSON arguments (every parameter but the context).
    var argumentParameters: [Parameter] { parameters.filter { !$0.isContext } }

    /// Reads `declaration`, or throws the first misuse found (reported at its syntax).
    init(_ declaration: FunctionDeclSyntax, attribute: AttributeSyntax) throws(DiagnosticsError) {
        self.declaration = declaration
        self.attribute = attribute
        func fail(_ node: some SyntaxProtocol, _ id: String, _ message: String) -> DiagnosticsError {
            DiagnosticsError(diagnostics: [Diagnostic(node: Syntax(node), message: MacroError(id, message))])
        }
        if let generics = declaration.genericParameterClause {
            throw fail(generics, "generic-tool", "a @Tool method cannot be generic: its arguments need one concrete type each")
        }
        var arguments: [String: ExprSyntax] = [:]
        if case .argumentList(let list)? = attribute.arguments {
            for argument in list { arguments[argument.label?.text ?? ""] = argument.expression }
        }
        self.arguments = arguments
        documentation = DocComment(of: declaration, before: declaration.name)
        isStatic = declaration.modifiers.contains { $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class) }
        let effects = declaration.signature.effectSpecifiers
        throwsErrors = effects?.throwsClause != nil
        isAsync = effects?.asyncSpecifier != nil
        if let returnType = declaration.signature.returnClause?.type {
            let text = returnType.trimmedDescription
            returnsNothing = text == "Void" || text == "()" || text == "Swift.Void"
        } else {
            returnsNothing = true
        }
        var parameters: [Parameter] = []
        for parameter in declaration.signature.parameterClause.parameters {
            if parameter.ellipsis != nil {
                throw fail(parameter, "variadic-parameter", "a @Tool parameter cannot be variadic: take an array instead")
            }
            if let attributed = parameter.type.as(AttributedTypeSyntax.self), !attributed.specifiers.isEmpty {
                throw fail(parameter.type, "parameter-specifier", "a @Tool parameter cannot be inout, borrowing or consuming")
            }
            if parameter.type.is(SomeOrAnyTypeSyntax.self) {
                throw fail(parameter.type, "opaque-parameter", "a @Tool parameter needs a concrete Decodable type, not some or any")
            }
            let label = parameter.firstName.tokenKind == .wildcard ? nil : parameter.firstName.text
            let name = parameter.secondName?.text ?? parameter.firstName.text
            let typeText = parameter.type.trimmedDescription
            let isContext = typeText == "Context" || typeText == "FastMCP.Context"
            if isContext, parameters.contains(where: \.isContext) {
                throw fail(parameter, "two-contexts", "a @Tool method takes at most one Context")
            }
            let jsonName = Self.unescaped(label ?? name)
            if !isContext, parameters.contains(where: { !$0.isContext && $0.jsonName == jsonName }) {
                throw fail(parameter, "duplicate-argument", "two parameters of a @Tool method would both be the argument '\(jsonName)'")
            }
            parameters.append(Parameter(
                label: label, jsonName: jsonName, type: parameter.type.trimmed,
                defaultValue: parameter.defaultValue?.value.trimmed, isContext: isContext))
        }
        self.parameters = parameters
        if case .argumentList(let list)? = attribute.arguments,
            let properties = list.first(where: { $0.label?.text == "properties" })
        {
            guard let dictionary = properties.expression.as(DictionaryExprSyntax.self) else {
                throw fail(properties.expression, "properties-literal", "properties: must be a dictionary literal keyed by parameter names")
            }
            if case .elements(let elements) = dictionary.content {
                let names = Set(parameters.filter { !$0.isContext }.map(\.jsonName))
                for element in elements {
                    guard let key = SwiftLiteral.stringValue(element.key) else {
                        throw fail(element.key, "properties-key", "properties: keys must be string literals naming parameters")
                    }
                    if !names.contains(key) {
                        let known = names.sorted().joined(separator: ", ")
                        throw fail(element.key, "unknown-property", "'\(key)' is not a parameter of \(declaration.name.text) (its arguments: \(known.isEmpty ? "none" : known))")
                    }
                }
            }
        }
        if documentation.text == nil, arguments["description"] == nil {
            throw fail(declaration.name, "missing-description",
                "a @Tool method needs a description: write a /// doc comment above it (or @Tool(description: \"…\"))")
        }
    }

    /// The `properties:` entry for `name`, if the attribute gives one.
    func propertyExpression(for name: String) -> ExprSyntax? {
        guard let dictionary = arguments["properties"]?.as(DictionaryExprSyntax.self),
            case .elements(let elements) = dictionary.content
        else { return nil }
        return elements.first { SwiftLiteral.stringValue($0.key) == name }?.value
    }

    static func unescaped(_ name: String) -> String {
        name.hasPrefix("`") && name.hasSuffix("`") && name.count > 1 ? String(name.dropFirst().dropLast()) : name
    }
}
