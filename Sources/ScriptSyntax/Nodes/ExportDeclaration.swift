/// An `export` declaration.
public enum ExportDeclaration: Sendable {
    /// One `{ local as exported }` entry.
    public struct Specifier: Sendable, Hashable {
        /// The local name (or, in a re-export, the name the other module exports).
        public var local: String
        /// The name this module exports.
        public var exported: String
        /// Whether it is `type`-only.
        public var isTypeOnly: Bool

        /// A specifier exporting `local` as `exported`.
        public init(local: String, exported: String, isTypeOnly: Bool) {
            self.local = local
            self.exported = exported
            self.isTypeOnly = isTypeOnly
        }
    }

    /// `export const …`, `export function …`, `export class …` and the TypeScript declarations.
    case declaration(Statement)
    /// `export default value` (a function or class declaration is a ``Expression/Kind/function(_:)``
    /// or ``Expression/Kind/class(_:)`` expression here).
    case defaultValue(Expression)
    /// `export { a, b as c }` or, with `from`, a re-export.
    case named([Specifier], from: String?, isTypeOnly: Bool)
    /// `export * from "m"` or `export * as name from "m"`.
    case all(as: String?, from: String)
    /// `export = value` (TypeScript's CommonJS export).
    case assignment(Expression)
    /// `export as namespace Name` (TypeScript).
    case namespaceDeclaration
}
