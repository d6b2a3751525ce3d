import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@Schema`: on a struct or class, a `SchemaDetailed` conformance from the doc comments of the
/// type and its stored properties (and their `@Field` constraints); on a `String` enum, a
/// `SchemaCaseDescribed` conformance from its cases' doc comments.
public struct SchemaExpansion: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax, attachedTo declaration: some DeclGroupSyntax, providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let access = SwiftLiteral.access(of: declaration.modifiers)
        if let enumeration = declaration.as(EnumDeclSyntax.self) {
            return [try caseDescriptions(enumeration, type: type.trimmedDescription, access: access)]
        }
        guard declaration.is(StructDeclSyntax.self) || declaration.is(ClassDeclSyntax.self) else {
            throw DiagnosticsError(diagnostics: [Diagnostic(
                node: node, message: MacroError("schema-target", "@Schema applies to a struct, a class or a String enum"))])
        }
        var typeDescription: String
        if case .argumentList(let list)? = node.arguments, let first = list.first, first.label == nil {
            typeDescription = first.expression.trimmedDescription
        } else {
            typeDescription = SwiftLiteral.optionalString(DocComment(of: declaration, before: declaration.introducer).text)
        }
        let keys = codingKeys(declaration.memberBlock)
        var entries: [String] = []
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self), isStored(variable) else { continue }
            let documentation = DocComment(of: variable, before: variable.bindingSpecifier)
            let field = variable.attributes.fieldAttribute
            for binding in variable.bindings {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else { continue }
                let swiftName = ToolFunction.unescaped(name)
                if variable.bindingSpecifier.tokenKind == .keyword(.let), binding.initializer != nil { continue }  // never decoded
                let jsonName: String
                if let keys {
                    guard let key = keys[swiftName] else { continue }  // not in CodingKeys: not decoded
                    jsonName = key
                } else {
                    jsonName = swiftName
                }
                guard let property = propertyExpression(documentation.text, field) else { continue }
                entries.append("            \(SwiftLiteral.string(jsonName)): \(property),")
            }
        }
        let conformance = protocols.isEmpty ? "" : ": FastMCP.SchemaDetailed"
        let source = """
            extension \(type.trimmedDescription)\(conformance) {
                \(access)static var schemaDetails: FastMCP.SchemaDetails {
                    FastMCP.SchemaDetails(\(typeDescription), properties: [
            \(entries.isEmpty ? "            :" : entries.joined(separator: "\n"))
                    ])
                }
            }
            """
        return [try ExtensionDeclSyntax("\(raw: source)")]
    }

    /// `SchemaProperty(…)` for a property's doc comment and `@Field` arguments, or `nil` when neither says anything.
    static func propertyExpression(_ documentation: String?, _ field: AttributeSyntax?) -> String? {
        var arguments: [String] = []
        if case .argumentList(let list)? = field?.arguments {
            arguments = list.map { argument in
                let expression = argument.expression.trimmedDescription
                return argument.label.map { "\($0.text): \(expression)" } ?? expression
            }
        }
        if arguments.isEmpty && documentation == nil && field == nil { return nil }
        let hasOwnDescription: Bool
        if case .argumentList(let list)? = field?.arguments, let first = list.first, first.label == nil {
            hasOwnDescription = true
        } else {
            hasOwnDescription = false
        }
        if !hasOwnDescription { arguments.insert(SwiftLiteral.optionalString(documentation), at: 0) }
        return "FastMCP.SchemaProperty(\(arguments.joined(separator: ", ")))"
    }

    /// Whether `variable` is a stored instance property (no getter; observers allowed).
    static func isStored(_ variable: VariableDeclSyntax) -> Bool {
        if variable.modifiers.contains(where: { $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class) }) {
            return false
        }
        return variable.bindings.allSatisfy { binding in
            guard let accessors = binding.accessorBlock?.accessors else { return true }
            guard case .accessors(let list) = accessors else { return false }  // `{ … }` is a getter
            return list.allSatisfy { $0.accessorSpecifier.tokenKind == .keyword(.willSet) || $0.accessorSpecifier.tokenKind == .keyword(.didSet) }
        }
    }

    /// The JSON name of each property a nested `CodingKeys` enum lists, or `nil` without one.
    static func codingKeys(_ members: MemberBlockSyntax) -> [String: String]? {
        for member in members.members {
            guard let enumeration = member.decl.as(EnumDeclSyntax.self), enumeration.name.text == "CodingKeys" else { continue }
            var keys: [String: String] = [:]
            for caseMember in enumeration.memberBlock.members {
                guard let caseDecl = caseMember.decl.as(EnumCaseDeclSyntax.self) else { continue }
                for element in caseDecl.elements {
                    let name = ToolFunction.unescaped(element.name.text)
                    keys[name] = element.rawValue.flatMap { SwiftLiteral.stringValue($0.value) } ?? name
                }
            }
            return keys
        }
        return nil
    }

    /// The `caseDescriptions` of a `String` enum, from each case's doc comment.
    static func caseDescriptions(_ enumeration: EnumDeclSyntax, type: String, access: String) throws -> ExtensionDeclSyntax {
        var entries: [String] = []
        for member in enumeration.memberBlock.members {
            guard let caseDecl = member.decl.as(EnumCaseDeclSyntax.self) else { continue }
            guard let text = DocComment(of: caseDecl, before: caseDecl.caseKeyword).text else { continue }
            for element in caseDecl.elements {
                if element.parameterClause != nil {
                    throw DiagnosticsError(diagnostics: [Diagnostic(
                        node: element, message: MacroError("schema-enum", "@Schema describes String enums without associated values"))])
                }
                entries.append("            .\(element.name.text): \(SwiftLiteral.string(text)),")
            }
        }
        let source = """
            extension \(type): FastMCP.SchemaCaseDescribed {
                \(access)static var caseDescriptions: [\(type): String] {
                    [
            \(entries.isEmpty ? "            :" : entries.joined(separator: "\n"))
                    ]
                }
            }
            """
        return try ExtensionDeclSyntax("\(raw: source)")
    }
}

extension AttributeListSyntax {
    /// The `@Field` attribute, if the declaration has one.
    var fieldAttribute: AttributeSyntax? {
        for element in self {
            if case .attribute(let attribute) = element, ["Field", "FastMCPMacros.Field"].contains(attribute.attributeName.trimmedDescription) {
                return attribute
            }
        }
        return nil
    }
}
