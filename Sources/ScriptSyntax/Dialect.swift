/// Which language a source is read as, decided by its file extension.
public struct Dialect: Sendable, Hashable {
    /// TypeScript syntax (annotations, type arguments, `as`, `satisfies`, `!`, `enum`…).
    public var typeScript: Bool
    /// JSX elements (`.jsx` and `.tsx`).
    public var jsx: Bool

    /// A dialect with the given features.
    public init(typeScript: Bool, jsx: Bool) {
        self.typeScript = typeScript
        self.jsx = jsx
    }

    /// The dialect of a file named `path`: `.ts .mts .cts .tsx` are TypeScript, `.jsx .tsx` have JSX,
    /// anything else is JavaScript.
    public init(path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        self.init(typeScript: ["ts", "mts", "cts", "tsx"].contains(ext), jsx: ext == "jsx" || ext == "tsx")
    }

    /// TypeScript without JSX (`.ts`).
    public static let typeScript = Dialect(typeScript: true, jsx: false)
    /// JavaScript without JSX (`.js`).
    public static let javaScript = Dialect(typeScript: false, jsx: false)
}
