import Foundation
import ScriptSyntax

/// Finds and reads the modules of a repository for the resolver: relative specifiers (with
/// TypeScript's `.js` → `.ts` mapping and `index` files) and workspace packages by name. Modules are
/// read once, from tracked files only, and counted so a site can be held to its bounds.
final class ModuleLoader {
    private let root: String
    private let tracked: Set<String>
    private var cache: [String: Module?] = [:]
    /// Workspace packages: folder, name and entry.
    private let packages: [(directory: String, name: String, entry: String?)]
    /// Modules read on demand so far (the preloaded ones are free).
    private(set) var opened = 0
    /// When the current package's time budget started.
    private var budgetStart = Date()

    init(root: String, tracked: Set<String>, preloaded: [Module], manifests: [PackageManifest]) {
        self.root = root
        self.tracked = tracked
        for module in preloaded { cache[module.path] = module }
        packages = manifests.compactMap { m in m.name.map { (m.directory, $0, m.entry) } }
    }

    /// Starts a fresh time budget (per package).
    func startBudget() { budgetStart = Date() }

    /// Whether the time budget for this package is spent.
    var overBudget: Bool { Date().timeIntervalSince(budgetStart) > ResolverBounds.secondsPerPackage }

    /// The module at `path`, read and parsed once; nil when it is not tracked, cannot be read or
    /// does not parse whole.
    func module(_ path: String) -> Module? {
        if let cached = cache[path] { return cached }
        guard tracked.contains(path) else { return nil }
        opened += 1
        var module: Module?
        // Never through a symbolic link: a module the resolver reads may receive an edit.
        if case .bytes(let bytes, _) = CandidateFiles.readFile(root + "/" + path),
            bytes.count <= CandidateFiles.maximumParsedSize, let file = try? ScriptFile(path: path, bytes: bytes)
        {
            module = Module(file)
        }
        cache[path] = module
        return module
    }

    /// Modules of the folder `folder` (a package) that import the module at `path` and were not read
    /// yet: files whose bytes name the module's stem are read (at most
    /// ``ResolverBounds/modulesPerSite``), parsed, and kept when one of their imports resolves to it.
    func importers(of path: String, within folder: String) -> [Module] {
        let parts = path.split(separator: "/").map(String.init)
        guard var stem = parts.last?.split(separator: ".").first.map(String.init) else { return [] }
        if stem == "index", parts.count >= 2 { stem = parts[parts.count - 2] }
        let needle = Array(stem.utf8)
        let prefix = folder.isEmpty ? "" : folder + "/"
        var found: [Module] = []
        var read = 0
        for candidate in tracked.sorted() where candidate.hasPrefix(prefix) && cache[candidate] == nil
            && Self.sourceExtensions.contains(where: { candidate.hasSuffix("." + $0) }) && FileClassifier.role(of: candidate) != .skipped
        {
            guard read < ResolverBounds.modulesPerSite, !overBudget else { break }
            guard case .bytes(let bytes, _) = CandidateFiles.readFile(root + "/" + candidate),
                bytes.count <= CandidateFiles.maximumParsedSize, FileClassifier.mentions(bytes, [needle])
            else { continue }
            read += 1
            guard let module = module(candidate) else { continue }
            let imports = module.scopes.declarations.compactMap { d -> String? in
                if case .import(let specifier, _) = d.kind { return specifier }
                return nil
            } + module.file.tree.statements.compactMap { s -> String? in
                if case .export(.named(_, let from?, _)) = s.kind { return from }
                if case .export(.all(_, let from)) = s.kind { return from }
                return nil
            }
            if imports.contains(where: { resolve($0, from: candidate) == path }) { found.append(module) }
        }
        return found
    }

    private static let sourceExtensions = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]
    private static let typeScriptFor = ["js": ["ts", "tsx"], "mjs": ["mts"], "cjs": ["cts"], "jsx": ["tsx"]]

    /// The tracked file `specifier` names from the file at `importer`; nil for packages outside the
    /// repository, tsconfig `paths` aliases and files that do not exist.
    func resolve(_ specifier: String, from importer: String) -> String? {
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".." {
            let folder = importer.split(separator: "/").dropLast().map(String.init)
            return file(near: Self.normalize(folder + specifier.split(separator: "/").map(String.init)))
        }
        // A workspace package: `name` or `name/sub/path`.
        for package in packages where specifier == package.name || specifier.hasPrefix(package.name + "/") {
            let base = package.directory.isEmpty ? [] : package.directory.split(separator: "/").map(String.init)
            if specifier == package.name {
                guard let entry = package.entry else { return file(near: Self.normalize(base + ["index"])) }
                let parts = Self.normalize(base + entry.split(separator: "/").map(String.init))
                if let found = file(near: parts) { return found }
                // `dist/index.js` is build output; the source usually sits in `src/`.
                if let dist = parts.firstIndex(where: { $0 == "dist" || $0 == "lib" || $0 == "build" }) {
                    var source = parts
                    source[dist] = "src"
                    return file(near: source)
                }
                return nil
            }
            let rest = specifier.dropFirst(package.name.count + 1).split(separator: "/").map(String.init)
            return file(near: Self.normalize(base + rest)) ?? file(near: Self.normalize(base + ["src"] + rest))
        }
        return nil
    }

    /// The tracked file for path components: as written, with TypeScript's extension for a `.js`
    /// one, with each source extension added, or as a folder's `index`.
    private func file(near parts: [String]) -> String? {
        let path = parts.joined(separator: "/")
        let name = parts.last ?? ""
        if let dot = name.lastIndex(of: "."), let mapped = Self.typeScriptFor[String(name[name.index(after: dot)...])] {
            let stem = String(path.dropLast(name.count - name.distance(from: name.startIndex, to: dot)))
            for ext in mapped where tracked.contains("\(stem).\(ext)") { return "\(stem).\(ext)" }
        }
        if tracked.contains(path), Self.sourceExtensions.contains(where: { path.hasSuffix("." + $0) }) { return path }
        for ext in Self.sourceExtensions where tracked.contains("\(path).\(ext)") { return "\(path).\(ext)" }
        for ext in Self.sourceExtensions where tracked.contains("\(path)/index.\(ext)") { return "\(path)/index.\(ext)" }
        return nil
    }

    /// Resolves `.` and `..` components.
    private static func normalize(_ parts: [String]) -> [String] {
        var out: [String] = []
        for part in parts {
            switch part {
            case ".", "": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(part)
            }
        }
        return out
    }
}
