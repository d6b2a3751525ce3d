import Foundation

/// A dependency's declared range from `package.json` (`^3.1.0`, `~5.5`, `>=2 <4`, `3.x`, `3.2.1`).
public struct DeclaredRange: Sendable, Hashable {
    /// The range as written in `package.json` (`^3.20.0`, `~1.2`, `>=2 <4`, `latest`…).
    public var text: String

    /// The range `text`.
    public init(_ text: String) { self.text = text }

    /// The lowest version the range admits, which is what an install could resolve to; nil for
    /// ranges with no lower bound (`*`, `latest`, tags, `workspace:`, `file:`, git and URL specs).
    public var lowerBound: SemanticVersion? {
        var candidates: [SemanticVersion] = []
        for alternative in text.components(separatedBy: "||") {
            let comparators = alternative.split(separator: " ").map(String.init).filter { !$0.isEmpty }
            var bound: SemanticVersion?
            var index = 0
            while index < comparators.count {
                var c = comparators[index]
                if c == "-" {  // `1.2.3 - 2.0.0`: the upper end is no lower bound
                    index += 2
                    continue
                }
                if c.hasPrefix("<") {
                    index += 1
                    continue
                }
                for prefix in [">=", ">", "^", "~", "="] where c.hasPrefix(prefix) {
                    c.removeFirst(prefix.count)
                    break
                }
                if c.isEmpty, index + 1 < comparators.count {  // `>= 1.2.3`
                    index += 1
                    c = comparators[index]
                }
                let wildcardless = c.split(separator: ".").prefix { $0 != "x" && $0 != "X" && $0 != "*" }.joined(separator: ".")
                if let v = SemanticVersion(wildcardless), bound.map({ v > $0 }) ?? true { bound = v }
                index += 1
            }
            if let bound { candidates.append(bound) }
        }
        return candidates.min()
    }

    /// `text` rewritten to admit `floor` and up, keeping its operator (`^3.1.0` → `^3.13.0`,
    /// `~5.5.0` → `~5.10.0`, `3.1.0` → `3.13.0`); anything else becomes `^floor`.
    public func raised(to floor: SemanticVersion) -> String {
        let trimmed = text.trimming(" ")
        for prefix in ["^", "~", ">=", ""] where trimmed.hasPrefix(prefix) {
            let rest = String(trimmed.dropFirst(prefix.count))
            if SemanticVersion(rest) != nil, !rest.contains("x"), !rest.contains("*") { return prefix + floor.description }
        }
        return "^" + floor.description
    }
}
