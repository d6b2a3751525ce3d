import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@Tools`: makes the type a `ToolProvider` whose `registerTools(on:)` registers each `@Tool`
/// method, with an argument type per method (its parameters, described from the doc comment).
public struct ToolsExpansion: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax, attachedTo declaration: some DeclGroupSyntax, providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let isActor = declaration.is(ActorDeclSyntax.self)
        guard declaration.is(StructDeclSyntax.self) || declaration.is(ClassDeclSyntax.self) || isActor else {
            throw DiagnosticsError(diagnostics: [Diagnostic(
                node: node, message: MacroError("tools-target", "@Tools applies to a struct, class or actor"))])
        }
        var tools: [ToolFunction] = []
        var failed = false
        for member in declaration.memberBlock.members {
            guard let function = member.decl.as(FunctionDeclSyntax.self),
                let attribute = function.attributes.toolAttribute
            else { continue }
            do {
                tools.append(try ToolFunction(function, attribute: attribute))
            } catch {
                failed = true
                for diagnostic in error.diagnostics { context.diagnose(diagnostic) }
            }
        }
        if failed { return [] }
        if tools.isEmpty {
            context.diagnose(Diagnostic(node: node, message: MacroError("no-tools", "@Tools found no @Tool method in this type")))
        }
        let access = SwiftLiteral.access(of: declaration.modifiers)
        var members: [String] = []
        var registrations: [String] = []
        for (index, tool) in tools.enumerated() {
            let typeName = "__FastMCPToolArguments\(index)"
            if !tool.argumentParameters.isEmpty { members.append(argumentsType(typeName, tool)) }
            registrations.append(registration(tool, argumentsType: tool.argumentParameters.isEmpty ? "FastMCP.NoArguments" : typeName, isActor: isActor))
        }
        let conformance = protocols.isEmpty ? "" : ": FastMCP.ToolProvider"
        let source = """
            extension \(type.trimmedDescription)\(conformance) {
            \(members.joined(separator: "\n\n"))

                \(access)\(isActor ? "nonisolated " : "")func registerTools(on server: FastMCP.FastMCPServer) {
            \(registrations.joined(separator: "\n"))
                }
            }
            """
        return [try ExtensionDeclSyntax("\(raw: source)")]
    }

    /// The arguments struct: one property per JSON argument, the doc comment's descriptions and
    /// the attribute's `properties:` as its `SchemaDetailed` conformance.
    static func argumentsType(_ name: String, _ tool: ToolFunction) -> String {
        var properties: [String] = []
        var details: [String] = []
        for parameter in tool.argumentParameters {
            let type = parameter.defaultValue != nil && !parameter.isOptional ? "Optional<\(parameter.type)>" : "\(parameter.type)"
            properties.append("        var `\(parameter.jsonName)`: \(type)")
            var arguments = [SwiftLiteral.optionalString(tool.documentation.parameters[parameter.jsonName])]
            if let value = parameter.defaultValue {
                if SwiftLiteral.isJSONLiteral(value) {
                    arguments.append("default: \(value)")
                } else if SwiftLiteral.isCaseReference(value) {
                    // `units: Units = .celsius`: the case's raw value (nothing for other members).
                    arguments.append("default: FastMCP.SchemaProperty.encodedDefault(\(value) as \(parameter.type))")
                }
            }
            var property = "FastMCP.SchemaProperty(\(arguments.joined(separator: ", ")))"
            if let extra = tool.propertyExpression(for: parameter.jsonName) { property += ".merging(\(extra))" }
            details.append("                \(SwiftLiteral.string(parameter.jsonName)): \(property),")
        }
        return """
                struct \(name): Decodable, Sendable, FastMCP.SchemaDetailed {
            \(properties.joined(separator: "\n"))
                    static var schemaDetails: FastMCP.SchemaDetails {
                        FastMCP.SchemaDetails(properties: [
            \(details.joined(separator: "\n"))
                        ])
                    }
                }
            """
    }

    /// The `server.tool(…)` call for one method.
    static func registration(_ tool: ToolFunction, argumentsType: String, isActor: Bool) -> String {
        let name = tool.arguments[""]?.trimmedDescription ?? SwiftLiteral.string(ToolFunction.unescaped(tool.declaration.name.text))
        let description = tool.arguments["description"]?.trimmedDescription ?? SwiftLiteral.optionalString(tool.documentation.text)
        var labels = ["\(name)"]
        if let title = tool.arguments["title"] { labels.append("title: \(title.trimmedDescription)") }
        labels.append("description: \(description)")
        if let annotations = tool.arguments["annotations"] { labels.append("annotations: \(annotations.trimmedDescription)") }
        if let scopes = tool.arguments["requiredScopes"] { labels.append("requiredScopes: \(scopes.trimmedDescription)") }
        if let accepts = tool.arguments["acceptsUnknownArguments"] { labels.append("acceptsUnknownArguments: \(accepts.trimmedDescription)") }
        let callArguments = tool.parameters.map { parameter -> String in
            var value = parameter.isContext ? "context" : "arguments.`\(parameter.jsonName)`"
            if let fallback = parameter.defaultValue, !parameter.isContext, !parameter.isOptional { value += " ?? (\(fallback))" }
            return parameter.label.map { "\($0): \(value)" } ?? value
        }
        let receiver = tool.isStatic ? "Self" : "self"
        var call = "\(receiver).\(tool.declaration.name.text)(\(callArguments.joined(separator: ", ")))"
        if tool.isAsync || (isActor && !tool.isStatic) { call = "await " + call }
        if tool.throwsErrors { call = "try " + call }
        let body = tool.returnsNothing ? "\(call)\n                return FastMCP.ToolResult(content: [])" : call
        return """
                    server.tool(\(labels.joined(separator: ", "))) { (arguments: \(argumentsType), context: FastMCP.Context) in
                        \(body)
                    }
            """
    }
}

extension AttributeListSyntax {
    /// The `@Tool` attribute, if the declaration has one.
    var toolAttribute: AttributeSyntax? {
        for element in self {
            if case .attribute(let attribute) = element,
                ["Tool", "FastMCPMacros.Tool"].contains(attribute.attributeName.trimmedDescription)
            {
                return attribute
            }
        }
        return nil
    }
}
