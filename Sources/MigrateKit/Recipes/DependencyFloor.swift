/// `dependency-floor`: compares each edit's needs with the version the lockfile resolved
/// (the declared range's lower bound without a lockfile), blocks what needs more, and with
/// `--bump` raises the `package.json` range (never the lockfile).
struct DependencyFloor {
    let manifests: [PackageManifest]
    let lockfiles: [Lockfile]

    /// The nearest `package.json` at or above `path`'s folder.
    func manifest(for path: String) -> PackageManifest? {
        var folder = path.split(separator: "/").dropLast().joined(separator: "/")
        while true {
            if let m = manifests.first(where: { $0.directory == folder }) { return m }
            if folder.isEmpty { return nil }
            folder = folder.split(separator: "/").dropLast().joined(separator: "/")
        }
    }

    /// The nearest lockfile at or above `folder`.
    func lockfile(for folder: String) -> Lockfile? {
        var folder = folder
        while true {
            if let l = Lockfile.fileNames.lazy.compactMap({ name in self.lockfiles.first { $0.directory == folder && $0.path.hasSuffix(name) } }).first {
                return l
            }
            if folder.isEmpty { return nil }
            folder = folder.split(separator: "/").dropLast().joined(separator: "/")
        }
    }

    struct Resolution {
        var declared: String?
        var version: SemanticVersion?
        var lockfile: Lockfile?
        /// Where the version came from, for a person.
        var source: String
    }

    /// What `package` resolves to for the workspace of `manifest`.
    func resolve(_ package: String, in manifest: PackageManifest) -> Resolution {
        let declared = manifest.dependencies[package]
        let lock = lockfile(for: manifest.directory)
        if let lock, let version = lock.resolved(package, workspace: manifest.directory, range: declared) {
            return Resolution(declared: declared, version: version, lockfile: lock, source: lock.path)
        }
        if let declared, let bound = DeclaredRange(declared).lowerBound {
            return Resolution(declared: declared, version: bound, lockfile: lock, source: "the range \(declared) in \(manifest.path), no lockfile entry")
        }
        return Resolution(declared: declared, version: nil, lockfile: lock, source: declared.map { "the range \($0) in \(manifest.path)" } ?? "not declared")
    }

    /// The command that installs after a range changed, run where the lockfile is.
    func installCommand(for manifest: PackageManifest) -> String {
        let lock = lockfile(for: manifest.directory)
        var command = lock?.kind.installCommand ?? "npm install"
        if lock == nil, let pm = manifest.packageManager?.split(separator: "@").first {
            command = "\(pm) install"
        }
        let folder = lock?.directory ?? manifest.directory
        return folder.isEmpty ? command : "cd \(folder) && \(command)"
    }
}
