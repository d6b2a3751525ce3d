import Foundation

/// A lockfile and the versions it resolved: `package-lock.json`/`npm-shrinkwrap.json` (v1–v3),
/// `pnpm-lock.yaml` (v5–v9), `yarn.lock` (classic and berry).
public struct Lockfile: Sendable {
    /// Which package manager wrote the lockfile.
    public enum Kind: String, Sendable, Codable {
        case npm, pnpm, yarnClassic = "yarn-classic", yarnBerry = "yarn-berry"

        /// The command that installs after a `package.json` range changed.
        public var installCommand: String {
            switch self {
            case .npm: "npm install"
            case .pnpm: "pnpm install"
            case .yarnClassic, .yarnBerry: "yarn install"
            }
        }
    }

    /// File names recognised as lockfiles, in order of preference.
    public static let fileNames = ["package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock"]

    /// Relative path of the lockfile.
    public let path: String
    /// Which package manager wrote it.
    public let kind: Kind
    /// Resolved versions per workspace folder (relative to the lockfile's folder, `""` for its
    /// root) and package name, for direct dependencies.
    let direct: [String: [String: SemanticVersion]]
    /// Every resolved version of each package anywhere in the tree (transitive ones included).
    let anywhere: [String: [SemanticVersion]]
    /// yarn: resolved version per `name@range` specifier.
    let bySpecifier: [String: SemanticVersion]

    /// The lockfile's folder, relative to the repository root.
    public var directory: String { path.split(separator: "/").dropLast().joined(separator: "/") }

    /// Reads a lockfile; throws a readable error when it cannot be parsed.
    public init(path: String, bytes: [UInt8]) throws {
        self.path = path
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var direct: [String: [String: SemanticVersion]] = [:]
        var anywhere: [String: [SemanticVersion]] = [:]
        var bySpecifier: [String: SemanticVersion] = [:]
        func note(_ package: String, _ version: SemanticVersion) { anywhere[package, default: []].append(version) }

        switch name {
        case "package-lock.json", "npm-shrinkwrap.json":
            kind = .npm
            let lock: NPMLockfileReader
            do {
                lock = try NPMLockfileReader(bytes)
            } catch {
                throw MigrateError("\(path) is not valid JSON")
            }
            if let packages = lock.packages {  // lockfileVersion 2 and 3
                for (key, text) in packages {
                    guard let version = SemanticVersion(text), let range = key.range(of: "node_modules/", options: .backwards) else { continue }
                    let package = String(key[range.upperBound...])
                    var owner = String(key[..<range.lowerBound])
                    if owner.hasSuffix("/") { owner.removeLast() }
                    note(package, version)
                    if !owner.contains("node_modules") { direct[owner, default: [:]][package] = version }
                }
            } else if let dependencies = lock.dependencies {  // lockfileVersion 1
                func walk(_ tree: [NPMLockfileReader.Dependency], top: Bool) {
                    for entry in tree {
                        if let text = entry.version, let version = SemanticVersion(text) {
                            note(entry.name, version)
                            if top { direct["", default: [:]][entry.name] = version }
                        }
                        walk(entry.nested, top: false)
                    }
                }
                walk(dependencies, top: true)
            }
        case "pnpm-lock.yaml":
            kind = .pnpm
            let root: [String: Any]
            do {
                root = try LockfileYAML.load(bytes)
            } catch {
                throw MigrateError("\(path) \(error.message)")
            }
            func pnpmVersion(_ value: Any?) -> SemanticVersion? {
                let text = (value as? [String: Any])?["version"].map { "\($0)" } ?? value.map { "\($0)" }
                guard var text else { return nil }
                if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
                if let underscore = text.firstIndex(of: "_") { text = String(text[..<underscore]) }
                return SemanticVersion(text)
            }
            var importers = root["importers"] as? [String: Any] ?? [:]
            if importers.isEmpty { importers["."] = root }  // v5 single-package layout
            for (importer, value) in importers {
                guard let entry = value as? [String: Any] else { continue }
                let folder = importer == "." ? "" : importer
                for section in ["dependencies", "devDependencies", "optionalDependencies"] {
                    for (package, spec) in entry[section] as? [String: Any] ?? [:] {
                        if let version = pnpmVersion(spec) { direct[folder, default: [:]][package] = version }
                    }
                }
            }
            for key in (root["packages"] as? [String: Any] ?? [:]).keys {
                // v9 `name@1.2.3`, v6 `/name@1.2.3(peer)`, v5 `/name/1.2.3`; scoped names keep their `@`.
                var k = key.hasPrefix("/") ? String(key.dropFirst()) : key
                if let paren = k.firstIndex(of: "(") { k = String(k[..<paren]) }
                let separator: Character = k.dropFirst().contains("@") ? "@" : "/"
                guard let split = k.lastIndex(of: separator), split > k.startIndex else { continue }
                let package = String(k[..<split])
                if let version = pnpmVersion(String(k[k.index(after: split)...])) { note(package, version) }
            }
        case "yarn.lock":
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("__metadata:") {
                kind = .yarnBerry
                let root: [String: Any]
                do {
                    root = try LockfileYAML.load(bytes)
                } catch {
                    throw MigrateError("\(path) \(error.message)")
                }
                for (key, value) in root where key != "__metadata" {
                    guard let entry = value as? [String: Any], let version = entry["version"].flatMap({ SemanticVersion("\($0)") })
                    else { continue }
                    for specifier in key.split(separator: ",") {
                        let s = specifier.trimming(" \"")
                        bySpecifier[s.replacingOccurrences(of: "@npm:", with: "@")] = version
                        note(Self.packageName(ofSpecifier: s), version)
                    }
                }
            } else {
                kind = .yarnClassic
                var headers: [String] = []
                for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
                    if line.isEmpty || line.hasPrefix("#") { continue }
                    if !line.hasPrefix(" ") {
                        guard line.hasSuffix(":") else { throw MigrateError("\(path): unexpected line \(line)") }
                        headers = line.dropLast().split(separator: ",").map { $0.trimming(" \"") }
                    } else if line.hasPrefix("  version ") || line.hasPrefix("  version:") {
                        let value = line.dropFirst("  version".count).trimming(" :\"")
                        guard let version = SemanticVersion(value) else { continue }
                        for header in headers {
                            bySpecifier[header] = version
                            note(Self.packageName(ofSpecifier: header), version)
                        }
                    }
                }
            }
        default:
            throw MigrateError("\(path) is not a lockfile migrate reads")
        }
        self.direct = direct
        self.anywhere = anywhere
        self.bySpecifier = bySpecifier
    }

    /// `@scope/name@^1.0.0` → `@scope/name`.
    static func packageName(ofSpecifier specifier: String) -> String {
        guard let at = specifier.dropFirst().lastIndex(of: "@") else { return specifier }
        return String(specifier[..<at])
    }

    /// The version of `package` resolved for the workspace in `folder` (repository-relative) that
    /// declares `range`; falls back to the lowest version resolved anywhere in the tree.
    public func resolved(_ package: String, workspace folder: String, range: String?) -> SemanticVersion? {
        var relative = folder
        if !directory.isEmpty {
            relative = folder == directory ? "" : String(folder.dropFirst(directory.count + 1))
        }
        if let version = direct[relative]?[package] ?? (relative.isEmpty ? nil : direct[""]?[package]) { return version }
        if let range, let version = bySpecifier["\(package)@\(range)"] { return version }
        return anywhere[package]?.min()
    }
}
