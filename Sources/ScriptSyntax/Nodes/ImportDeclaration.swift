/// `import … from "module"`, `import "module"` or `import name = require("module")`.
public struct ImportDeclaration: Sendable {
    /// One `{ imported as local }` entry.
    public struct Specifier: Sendable, Hashable {
        /// The name exported by the module (`default` for `{ default as x }`).
        public var imported: String
        /// The local name bound.
        public var local: String
        /// Whether it is `type`-only.
        public var isTypeOnly: Bool

        /// A specifier binding `imported` as `local`.
        public init(imported: String, local: String, isTypeOnly: Bool) {
            self.imported = imported
            self.local = local
            self.isTypeOnly = isTypeOnly
        }
    }

    /// The module specifier (`"fastmcp"`, `"./server.js"`); nil for `import A = B.C` (TypeScript).
    public var module: String?
    /// `import name from …` (or `import name = require(…)`).
    public var defaultBinding: String?
    /// `import * as name from …`.
    public var namespaceBinding: String?
    /// `import { … } from …`.
    public var named: [Specifier]
    /// Whether the whole declaration is `import type`.
    public var isTypeOnly: Bool
    /// Whether it is `import name = require("module")` (TypeScript's CommonJS import).
    public var isRequire: Bool

    /// An import of `module`.
    public init(module: String?, defaultBinding: String?, namespaceBinding: String?, named: [Specifier], isTypeOnly: Bool, isRequire: Bool) {
        self.module = module
        self.defaultBinding = defaultBinding
        self.namespaceBinding = namespaceBinding
        self.named = named
        self.isTypeOnly = isTypeOnly
        self.isRequire = isRequire
    }
}
