import HTTPTypes

extension HTTPFields {
    /// The value of the field `name`, exactly as `self[name]` reads it — `nil` when absent,
    /// the values joined with `", "` when repeated — in one pass over the fields, without
    /// the generic lazy join that `self[name]` goes through even for a single field (every
    /// request reads about ten fields; measured in docs/benchmarks.md).
    ///
    /// Not for `Cookie`, whose values `self[name]` joins with `"; "`: that case is handed to
    /// the subscript.
    func value(_ name: HTTPField.Name) -> String? {
        guard name != .cookie else { return self[name] }
        let canonical = name.canonicalName
        var found: String?
        for field in self where field.name.canonicalName == canonical {
            guard let first = found else {
                found = field.value
                continue
            }
            found = first + ", " + field.value
        }
        return found
    }
}
