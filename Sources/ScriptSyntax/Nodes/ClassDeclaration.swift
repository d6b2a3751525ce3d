/// A class declaration or expression.
public struct ClassDeclaration: Sendable {
    /// Token indices of the class, decorators included.
    public var range: Range<Int>
    /// The class's name, if any.
    public var name: String?
    /// Decorators before `class`.
    public var decorators: [Expression]
    /// The range of `<T, …>` (TypeScript).
    public var typeParameters: Range<Int>?
    /// The `extends` expression, if any.
    public var superclass: Expression?
    /// The members in order.
    public var members: [ClassMember]

    /// A class over `range`.
    public init(range: Range<Int>, name: String?, decorators: [Expression], typeParameters: Range<Int>?, superclass: Expression?, members: [ClassMember]) {
        self.range = range
        self.name = name
        self.decorators = decorators
        self.typeParameters = typeParameters
        self.superclass = superclass
        self.members = members
    }
}

/// A member of a class body.
public struct ClassMember: Sendable {
    /// What the member is.
    public enum Kind: Sendable {
        /// `key: T = value;` (`value` nil when there is no initializer).
        case property(PropertyKey, type: Range<Int>?, value: Expression?)
        /// `key() {}`.
        case method(PropertyKey, Function)
        /// `get key() {}`.
        case getter(PropertyKey, Function)
        /// `set key(v) {}`.
        case setter(PropertyKey, Function)
        /// `constructor() {}`.
        case constructor(Function)
        /// `static { }`.
        case staticBlock([Statement])
        /// `[key: string]: T;` (TypeScript).
        case indexSignature
        /// `;` between members.
        case empty
        /// A member the parser could not read.
        case opaque
    }

    /// Token indices of the member, decorators included.
    public var range: Range<Int>
    /// Decorators before it.
    public var decorators: [Expression]
    /// Modifiers before it: `static`, `public`, `private`, `protected`, `readonly`, `abstract`,
    /// `override`, `declare`, `accessor`.
    public var modifiers: [String]
    /// What the member is.
    public var kind: Kind

    /// A member of `kind` over `range`.
    public init(range: Range<Int>, decorators: [Expression], modifiers: [String], kind: Kind) {
        self.range = range
        self.decorators = decorators
        self.modifiers = modifiers
        self.kind = kind
    }

    /// The member's name when known without running code.
    public var name: String? {
        switch kind {
        case .property(let key, _, _), .method(let key, _), .getter(let key, _), .setter(let key, _): return key.name
        case .constructor: return "constructor"
        default: return nil
        }
    }
}
