/// `target = value` (or `??=`, `||=`, `&&=`) to a plain name or to a member of one.
public struct Assignment: Sendable {
    /// The assigned name (`x` in `x = v`), or the object in a member write (`x` in `x.y = v`,
    /// `this` in `this.server = v`).
    public var name: String
    /// For a member write, the property names after ``name``: `["y"]` for `x.y = v`.
    public var members: [String]
    /// The operator: `=`, `??=`, `||=`, `&&=` (others make the value computed).
    public var op: String
    /// The assigned value.
    public var value: Expression
    /// The innermost scope where the assignment is written.
    public var scope: Int
    /// Token index where the assignment starts.
    public var token: Int

    /// An assignment of `value` to `name` (and `members`).
    public init(name: String, members: [String], op: String, value: Expression, scope: Int, token: Int) {
        self.name = name
        self.members = members
        self.op = op
        self.value = value
        self.scope = scope
        self.token = token
    }
}

/// A branch where a name is known to equal a string: inside `if (x === "stdio") { … }`, in the
/// `else` of `if (x !== "stdio")`, or in `case "stdio":` of `switch (x)`.
public struct Pin: Sendable {
    /// The pinned name.
    public var name: String
    /// The string it equals there.
    public var value: String
    /// Token indices where it holds.
    public var range: Range<Int>

    /// A pin of `name` to `value` over `range`.
    public init(name: String, value: String, range: Range<Int>) {
        self.name = name
        self.value = value
        self.range = range
    }
}
