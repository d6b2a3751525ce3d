/// What a module exports under one name.
public enum ModuleExport: Sendable {
    /// A declaration of this module (`export const x`, `export { x }`, `export default x`).
    case local(String)
    /// A value with no name of its own (`export default new FastMCP(…)`, `module.exports.x = v`).
    case value(Expression)
    /// The export `name` of another module (`export { name as x } from "./m"`).
    case reexport(module: String, name: String)
    /// A namespace of another module (`export * as x from "./m"`).
    case namespace(module: String)
}
