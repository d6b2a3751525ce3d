import Foundation

/// A resource URI template with `{name}` variables (RFC 6570 level 1 syntax).
///
/// Matching: literals must match exactly; a variable matches one or more characters
/// up to the next literal — so a trailing `{path}` in `file:///{path}` takes the
/// rest of the URI, slashes included. Variables never match an empty string.
public struct URITemplate: Sendable, Hashable {
    enum Part: Hashable {
        case literal(String)
        case variable(String)
    }

    /// The template as written (`notes://{id}`).
    public let template: String
    let parts: [Part]

    /// Why a template was refused.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong with it.
        public var description: String
    }

    /// Parses `template`; throws ``Invalid`` for an unclosed brace, a variable that is empty or
    /// not letters, digits and `_`, or two variables with nothing between them.
    public init(_ template: String) throws {
        var parts: [Part] = []
        var literal = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{" {
                guard let close = template[index...].firstIndex(of: "}") else { throw Invalid(description: "unclosed '{' in \(template)") }
                let name = String(template[template.index(after: index)..<close])
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw Invalid(description: "invalid variable '{\(name)}' in \(template)")
                }
                if case .variable? = parts.last, literal.isEmpty { throw Invalid(description: "two adjacent variables in \(template)") }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.variable(name))
                index = template.index(after: close)
            } else {
                literal.append(character)
                index = template.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.template = template
        self.parts = parts
    }

    /// The variable values when `uri` matches, else `nil`.
    public func match(_ uri: String) -> [String: String]? {
        var values: [String: String] = [:]
        var rest = Substring(uri)
        for (offset, part) in parts.enumerated() {
            switch part {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return nil }
                rest = rest.dropFirst(text.count)
            case .variable(let name):
                if offset + 1 < parts.count, case .literal(let next) = parts[offset + 1] {
                    guard let range = rest.range(of: next), range.lowerBound > rest.startIndex else { return nil }
                    values[name] = String(rest[..<range.lowerBound])
                    rest = rest[range.lowerBound...]
                } else {
                    guard !rest.isEmpty else { return nil }
                    values[name] = String(rest)
                    rest = ""
                }
            }
        }
        return rest.isEmpty ? values : nil
    }
}
