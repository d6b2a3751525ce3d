import SwiftSyntax

/// Swift source text for values the macros write into expansions.
enum SwiftLiteral {
    /// `text` as a Swift string literal (escaped; raw delimiters never needed).
    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    /// `text` as an optional string literal (`nil` when absent).
    static func optionalString(_ text: String?) -> String { text.map(string) ?? "nil" }

    /// Whether `expression` is a literal a `JSONValue` can be written as (numbers, strings without
    /// interpolation, booleans, arrays and dictionaries of them), so it can be the schema's `default`.
    static func isJSONLiteral(_ expression: ExprSyntax) -> Bool {
        if expression.is(IntegerLiteralExprSyntax.self) || expression.is(FloatLiteralExprSyntax.self)
            || expression.is(BooleanLiteralExprSyntax.self)
        {
            return true
        }
        if let string = expression.as(StringLiteralExprSyntax.self) {
            return string.segments.allSatisfy { $0.is(StringSegmentSyntax.self) }
        }
        if let prefix = expression.as(PrefixOperatorExprSyntax.self), prefix.operator.text == "-" {
            return prefix.expression.is(IntegerLiteralExprSyntax.self) || prefix.expression.is(FloatLiteralExprSyntax.self)
        }
        if let array = expression.as(ArrayExprSyntax.self) {
            return array.elements.allSatisfy { isJSONLiteral($0.expression) }
        }
        if let dictionary = expression.as(DictionaryExprSyntax.self) {
            guard case .elements(let elements) = dictionary.content else { return true }
            return elements.allSatisfy { $0.key.is(StringLiteralExprSyntax.self) && isJSONLiteral($0.value) }
        }
        return false
    }

    /// Whether `expression` names an enum case or a static member without calling anything
    /// (`.celsius`, `Units.celsius`), so its encoded value can be the schema's `default`.
    static func isCaseReference(_ expression: ExprSyntax) -> Bool {
        guard let member = expression.as(MemberAccessExprSyntax.self), member.declName.argumentNames == nil else { return false }
        guard let base = member.base else { return true }
        return base.is(DeclReferenceExprSyntax.self) || isCaseReference(base)
    }

    /// The value of a string literal without interpolation.
    static func stringValue(_ expression: ExprSyntax) -> String? {
        guard let literal = expression.as(StringLiteralExprSyntax.self) else { return nil }
        var value = ""
        for segment in literal.segments {
            guard let text = segment.as(StringSegmentSyntax.self) else { return nil }
            value += text.content.text
        }
        return value
    }

    /// The access modifier members of `declaration` need to satisfy a public protocol (`public `,
    /// `package ` or nothing).
    static func access(of modifiers: DeclModifierListSyntax) -> String {
        for modifier in modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.public), .keyword(.open): return "public "
            case .keyword(.package): return "package "
            default: continue
            }
        }
        return ""
    }
}
