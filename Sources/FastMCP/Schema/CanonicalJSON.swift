import MCPProxy

/// A JSON value written so that values JSON Schema calls equal are written the same: object
/// members sorted by name, and a number written once whatever its form (`1` and `1.0` alike).
/// `uniqueItems` hashes these, so it checks an array in linear time instead of comparing
/// every pair.
enum CanonicalJSON {
    /// The canonical text of `value`.
    static func text(_ value: JSONValue) -> String {
        var text = ""
        write(value, into: &text)
        return text
    }

    private static func write(_ value: JSONValue, into text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .double(let number): text += written(number)
        case .string: text += JSONWriter.string(value)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                write(element, into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, name) in members.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                text += JSONWriter.string(.string(name)) + ":"
                write(members[name]!, into: &text)
            }
            text += "}"
        }
    }

    /// A double as an integer when it is one that `Int` holds exactly (so `1.0` is written `1`).
    private static func written(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 9.007_199_254_740_992e15, let exact = Int(exactly: number) {
            return String(exact)
        }
        return String(number)
    }
}
