import ScriptLexer
import Foundation

/// A `package.json`: the dependencies it declares and where each range is written.
public struct PackageManifest: Sendable {
    /// Relative path of the `package.json`.
    public let path: String
    /// Its folder, relative to the repository root (`""` for the root).
    public let directory: String
    /// The `name` field, when present.
    public let name: String?
    /// Declared ranges by package name (`dependencies`, `devDependencies`, `optionalDependencies`, `peerDependencies`).
    public let dependencies: [String: String]
    /// The `packageManager` field (`pnpm@9.1.0`), when present.
    public let packageManager: String?
    /// The module `import "<name>"` opens: the `.` entry of `exports` (a string, or its `import`,
    /// `default` or `require` condition), else `main`; relative to ``directory``.
    public let entry: String?
    /// The file read as tokens, to locate and edit a range.
    let source: ScriptFile

    static let sections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]

    /// Reads a `package.json`; throws a readable message when it is not a JSON object.
    public init(path: String, bytes: [UInt8]) throws {
        self.path = path
        directory = path.split(separator: "/").dropLast().joined(separator: "/")
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw MigrateError("\(path) is not a JSON object")
        }
        name = object["name"] as? String
        packageManager = object["packageManager"] as? String
        entry = Self.entry(exports: object["exports"], main: object["main"] as? String)
        var dependencies: [String: String] = [:]
        for section in Self.sections.reversed() {
            for (key, value) in object[section] as? [String: Any] ?? [:] {
                if let range = value as? String { dependencies[key] = range }
            }
        }
        self.dependencies = dependencies
        source = try ScriptFile(path: path, bytes: bytes)
    }

    private static func entry(exports: Any?, main: String?) -> String? {
        func condition(_ value: Any?) -> String? {
            if let path = value as? String { return path }
            guard let conditions = value as? [String: Any] else { return nil }
            for key in ["import", "default", "require", "node"] { if let path = condition(conditions[key]) { return path } }
            return nil
        }
        if let exports = exports as? [String: Any], exports.keys.contains(where: { $0.hasPrefix(".") }) {
            return condition(exports["."]) ?? main
        }
        return condition(exports) ?? main
    }

    /// The string token holding the declared range of `package` (the first section that has it).
    func rangeToken(of package: String) -> Int? {
        guard let root = ObjectLiteral(source, open: 0) else { return nil }
        for section in Self.sections {
            guard let property = root.property(section), case .object(let deps) = ScriptValue(source, property),
                let entry = deps.property(package), entry.valueStart == entry.valueEnd,
                source.tokens[entry.valueStart].kind == .string
            else { continue }
            return entry.valueStart
        }
        return nil
    }

    /// 1-based line where `package` is declared, or 1.
    public func line(of package: String) -> Int {
        rangeToken(of: package).map { source.tokens[$0].line } ?? 1
    }

    /// The edit that raises `package`'s declared range to admit `floor`.
    func raiseEdit(of package: String, to floor: SemanticVersion) -> TextEdit? {
        guard let token = rangeToken(of: package), let current = source.stringValue(token) else { return nil }
        let raised = DeclaredRange(current).raised(to: floor)
        let quote = Character(Unicode.Scalar(source.bytes[source.tokens[token].start]))
        return TextEdit(
            start: source.tokens[token].start, end: source.tokens[token].end, replacement: "\(quote)\(raised)\(quote)")
    }
}
