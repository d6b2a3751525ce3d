import Foundation
import MCPProxy

/// Checks tool arguments against the tool's own JSON Schema before they are decoded, and
/// reports every problem at once, one line each as `/json/pointer: message`.
///
/// It reads the JSON Schema 2020-12 validation keywords FastMCP's derived schemas use and a
/// hand-written `CustomJSONSchema` may add: `type`, `enum`, `const`, `properties`, `required`,
/// `additionalProperties`, `items`, `minItems`, `maxItems`, `uniqueItems`, `minimum`,
/// `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `minLength`, `maxLength`,
/// `pattern`, `format` (the formats ``SchemaFormat`` names), `anyOf` and `oneOf`; `default`
/// values are filled in for members left out. Keywords it does not read (`$ref`, `allOf`, …)
/// constrain nothing here: the decoder still checks what they describe, so nothing is let
/// through that decoding would refuse.
///
/// The schema is compiled once (``CompiledSchema``); checking a valid value builds no strings.
/// The work of one check is bounded (``SchemaCheck``): a hostile value ends it early instead
/// of keeping a core busy, and `uniqueItems` is checked in linear time.
struct SchemaValidator: Sendable {
    /// One problem with the value.
    struct Problem: Equatable, CustomStringConvertible {
        /// RFC 6901 pointer to the offending value (`""` for the whole value).
        var pointer: String
        /// What is wrong, in plain words.
        var message: String

        var description: String { "\(pointer.isEmpty ? "(root)" : pointer): \(message)" }
    }

    let root: CompiledSchema

    /// A validator for `schema`; a `pattern` that is not a regular expression is an error.
    init(schema: JSONValue) throws(CompiledSchema.InvalidPattern) {
        root = try CompiledSchema(schema, strict: true)
    }

    /// Every problem of `value`, in document order (the first ``SchemaCheck/storedLimit``).
    func problems(_ value: JSONValue) -> [Problem] {
        check(value).problems
    }

    /// Checks `value` within `budget` units of work: see ``SchemaCheck/exhausted``.
    func check(_ value: JSONValue, budget: Int = SchemaCheck.defaultBudget) -> SchemaCheck {
        var found = SchemaCheck(budget: budget)
        var path = Path()
        Self.validate(value, root, path: &path, into: &found)
        return found
    }

    /// `arguments` with the schema's defaults filled in where a member is missing.
    func fillingDefaults(_ arguments: [String: JSONValue]) -> [String: JSONValue] {
        guard root.hasDefaults else { return arguments }
        return Self.fill(arguments, root)
    }

    /// Every problem of `value` against `schema` (compiled for this call; patterns that do not
    /// compile constrain nothing).
    static func problems(_ value: JSONValue, against schema: JSONValue) -> [Problem] {
        guard let compiled = try? CompiledSchema(schema, strict: false) else { return [] }
        var found = SchemaCheck()
        var path = Path()
        validate(value, compiled, path: &path, into: &found)
        return found.problems
    }

    /// Where the value being checked is; made into a pointer string only when a problem is found
    /// (the common, valid case builds no strings at all).
    struct Path {
        enum Step {
            case key(String)
            case index(Int)
        }

        var steps: [Step] = []

        var pointer: String {
            var text = ""
            for step in steps {
                switch step {
                case .key(let name): text += "/" + escape(name)
                case .index(let index): text += "/\(index)"
                }
            }
            return text
        }
    }

    static func fill(_ members: [String: JSONValue], _ schema: CompiledSchema) -> [String: JSONValue] {
        var filled = members
        for (name, value) in schema.defaults where filled[name] == nil { filled[name] = value }
        for (name, property) in schema.properties where property.hasDefaults {
            switch filled[name] {
            case .object(let inner)?: filled[name] = .object(fill(inner, property))
            case .array(let elements)? where property.items?.hasDefaults == true:
                filled[name] = .array(elements.map { element in
                    if case .object(let inner) = element, let items = property.items { return .object(fill(inner, items)) }
                    return element
                })
            default: break
            }
        }
        return filled
    }

    static func validate(_ value: JSONValue, _ schema: CompiledSchema, path: inout Path, into found: inout SchemaCheck) {
        guard found.charge(1) else { return }
        if schema.refusesEverything {
            found.append(Problem(pointer: path.pointer, message: "is not allowed"))
            return
        }
        if let types = schema.types, !types.allows(value) {
            found.append(Problem(pointer: path.pointer, message: "must be \(typePhrase(schema.typeKeyword ?? .null)) (got \(got(value)))"))
            return
        }
        if let choices = schema.enumValues, !choices.contains(where: { same($0, value) }) {
            found.append(Problem(
                pointer: path.pointer, message: "must be one of: \(choices.map(show).joined(separator: ", ")) (got \(show(value)))"))
        }
        if let constant = schema.constant, !same(constant, value) {
            found.append(Problem(pointer: path.pointer, message: "must be \(show(constant)) (got \(show(value)))"))
        }
        if !schema.anyOf.isEmpty { validateAnyOf(value, schema, path: path, into: &found) }
        if !schema.oneOf.isEmpty { validateOneOf(value, schema.oneOf, path: path, into: &found) }
        switch value {
        case .int, .double: if schema.checksNumbers { validateNumber(value.doubleValue ?? 0, schema, path: path, into: &found) }
        case .string(let text): if schema.checksStrings { validateString(text, schema, path: path, into: &found) }
        case .array(let elements): validateArray(elements, schema, path: &path, into: &found)
        case .object(let members): validateObject(members, schema, path: &path, into: &found)
        default: break
        }
    }

    static func validateAnyOf(_ value: JSONValue, _ schema: CompiledSchema, path: Path, into found: inout SchemaCheck) {
        var branchProblems: [[Problem]] = []
        for branch in schema.anyOf {
            var problems = found.branch()
            var branchPath = path
            validate(value, branch, path: &branchPath, into: &problems)
            found.absorbWork(of: problems)
            if found.exhausted { return }
            if problems.isEmpty { return }
            branchProblems.append(problems.problems)
        }
        // An optional (`anyOf: [X, {"type": "null"}]`) reports what X says; otherwise say that no shape fits.
        let notNull = zip(schema.anyOf, branchProblems).filter { $0.0.types != .null }
        if notNull.count == 1 {
            for problem in notNull[0].1 { found.append(problem) }
        } else {
            found.append(Problem(pointer: path.pointer, message: "matches none of the \(schema.anyOf.count) allowed shapes"))
        }
    }

    static func validateOneOf(_ value: JSONValue, _ branches: [CompiledSchema], path: Path, into found: inout SchemaCheck) {
        var matching = 0
        for branch in branches {
            var problems = found.branch()
            var branchPath = path
            validate(value, branch, path: &branchPath, into: &problems)
            found.absorbWork(of: problems)
            if found.exhausted { return }
            if problems.isEmpty { matching += 1 }
        }
        if matching == 0 {
            found.append(Problem(pointer: path.pointer, message: "matches none of the \(branches.count) allowed shapes"))
        } else if matching > 1 {
            found.append(Problem(pointer: path.pointer, message: "matches \(matching) of the allowed shapes; exactly one must match"))
        }
    }

    static func validateNumber(_ number: Double, _ schema: CompiledSchema, path: Path, into found: inout SchemaCheck) {
        var shown: String { show(number) }
        if let minimum = schema.minimum, number < minimum {
            found.append(Problem(pointer: path.pointer, message: "must be at least \(show(minimum)) (got \(shown))"))
        }
        if let maximum = schema.maximum, number > maximum {
            found.append(Problem(pointer: path.pointer, message: "must be at most \(show(maximum)) (got \(shown))"))
        }
        if let bound = schema.exclusiveMinimum, number <= bound {
            found.append(Problem(pointer: path.pointer, message: "must be more than \(show(bound)) (got \(shown))"))
        }
        if let bound = schema.exclusiveMaximum, number >= bound {
            found.append(Problem(pointer: path.pointer, message: "must be less than \(show(bound)) (got \(shown))"))
        }
        if let divisor = schema.multipleOf {
            let quotient = number / divisor
            if quotient.rounded() != quotient {
                found.append(Problem(pointer: path.pointer, message: "must be a multiple of \(show(divisor)) (got \(shown))"))
            }
        }
    }

    static func validateString(_ text: String, _ schema: CompiledSchema, path: Path, into found: inout SchemaCheck) {
        if schema.minLength != nil || schema.maxLength != nil {
            let length = text.unicodeScalars.count
            if let minimum = schema.minLength, length < minimum {
                found.append(Problem(pointer: path.pointer, message: "must be at least \(minimum) characters long (got \(length))"))
            }
            if let maximum = schema.maxLength, length > maximum {
                found.append(Problem(pointer: path.pointer, message: "must be at most \(maximum) characters long (got \(length))"))
            }
        }
        if let pattern = schema.pattern {
            // The matcher's work grows with the text it reads.
            guard found.charge(text.utf16.count + 1) else { return }
            let range = NSRange(text.startIndex..., in: text)
            if pattern.expression.firstMatch(in: text, range: range) == nil {
                found.append(Problem(pointer: path.pointer, message: "must match the pattern \(pattern.source)"))
            }
        }
        if let format = schema.format, SchemaFormatChecker.accepts(text, format: format) == false {
            found.append(Problem(pointer: path.pointer, message: "must be \(SchemaFormatChecker.phrase(format)) (got \(show(.string(text))))"))
        }
    }

    static func validateArray(_ elements: [JSONValue], _ schema: CompiledSchema, path: inout Path, into found: inout SchemaCheck) {
        if let minimum = schema.minItems, elements.count < minimum {
            found.append(Problem(pointer: path.pointer, message: "must have at least \(minimum) items (got \(elements.count))"))
        }
        if let maximum = schema.maxItems, elements.count > maximum {
            found.append(Problem(pointer: path.pointer, message: "must have at most \(maximum) items (got \(elements.count))"))
        }
        if schema.uniqueItems {
            guard found.charge(elements.count) else { return }
            if let repeated = firstRepeated(elements, &found) {
                found.append(Problem(pointer: path.pointer, message: "must not repeat items (item \(repeated) repeats an earlier one)"))
            }
        }
        if let items = schema.items {
            for (index, element) in elements.enumerated() {
                if found.exhausted { return }
                path.steps.append(.index(index))
                validate(element, items, path: &path, into: &found)
                path.steps.removeLast()
            }
        }
    }

    /// The index of the first item equal to an earlier one, by hashing each item's canonical
    /// JSON once: linear in the array's size (comparing every pair took minutes for 40k items).
    static func firstRepeated(_ elements: [JSONValue], _ found: inout SchemaCheck) -> Int? {
        var seen = Set<String>(minimumCapacity: elements.count)
        for (index, element) in elements.enumerated() {
            let text = CanonicalJSON.text(element)
            guard found.charge(text.utf8.count / 64) else { return nil }
            if !seen.insert(text).inserted { return index }
        }
        return nil
    }

    static func validateObject(_ members: [String: JSONValue], _ schema: CompiledSchema, path: inout Path, into found: inout SchemaCheck) {
        for name in schema.required where members[name] == nil {
            path.steps.append(.key(name))
            found.append(Problem(pointer: path.pointer, message: "is required"))
            path.steps.removeLast()
        }
        // Members are visited in the dictionary's order; their problems are put in name order
        // afterwards, and only when there are some.
        let start = found.problems.count
        var owners: [String] = []
        for (name, member) in members {
            if found.exhausted { return }
            let before = found.problems.count
            path.steps.append(.key(name))
            if let property = schema.properties[name] {
                validate(member, property, path: &path, into: &found)
            } else if let additional = schema.additional {
                if additional.refusesEverything {
                    let known = schema.knownNames
                    found.append(Problem(pointer: path.pointer, message: "is not a known argument" + (known.isEmpty ? "" : " (known: \(known))")))
                } else {
                    validate(member, additional, path: &path, into: &found)
                }
            }
            path.steps.removeLast()
            if found.problems.count > before { owners += Array(repeating: name, count: found.problems.count - before) }
        }
        if found.problems.count > start {
            let ordered = zip(owners, found.problems[start...]).enumerated()
                .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map(\.element.1)
            found.problems.replaceSubrange(start..., with: ordered)
        }
    }

    // MARK: - Words and comparisons

    /// RFC 6901: `~` → `~0`, `/` → `~1`.
    static func escape(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        var escaped = ""
        for character in name {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func typePhrase(_ type: JSONValue) -> String {
        if case .array(let types) = type { return types.map(typePhrase).joined(separator: " or ") }
        switch type.stringValue {
        case "integer": return "an integer"
        case "object": return "an object"
        case "array": return "an array"
        case "null": return "null"
        case let name?: return "a \(name)"
        default: return "valid"
        }
    }

    /// What a value of the wrong type was: a string is shown (cut at 40 characters) since
    /// "a string" says nothing where every value arrives as one (prompt arguments); other
    /// values are named by their kind.
    static func got(_ value: JSONValue) -> String {
        guard case .string(let text) = value else { return kind(of: value) }
        let head = text.prefix(41)
        let cut = head.count > 40 ? String(head.prefix(40)) + "…" : text
        return JSONWriter.string(.string(cut))
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// JSON equality, with `1` and `1.0` the same number.
    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int, .double), (.double, .int): return left.doubleValue == right.doubleValue
        default: return left == right
        }
    }

    static func show(_ value: JSONValue) -> String { JSONWriter.string(value) }

    static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
