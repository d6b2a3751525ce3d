import Foundation
import ScriptLexer

/// Reads a repository's tracked files and runs every recipe over them.
public struct Inspector {
    /// Options that change what is planned. (Files with uncommitted changes are never edited:
    /// their sites become `review`; refusing a dirty tree is the ``Applier``'s job.)
    public struct Options: Sendable {
        /// Raise `package.json` ranges that block an edit (never lockfiles).
        public var bump = false

        /// Options; `bump` raises blocking ranges in `package.json`.
        public init(bump: Bool = false) {
            self.bump = bump
        }
    }

    /// An inspector with no state of its own.
    public init() {}

    /// Reads the repository's tracked files, runs every recipe and resolves versions: the sites,
    /// findings, dependencies and the edits `apply` would write.
    public func inspect(_ repository: GitRepository, options: Options = Options()) throws -> Inspection {
        let head = try repository.headCommitID()
        let index = try repository.indexSnapshot()
        let tracked = index.files.filter { $0.isRegularFile || $0.isSymbolicLink }
        // The files are read (and their `lstat` compared with the index) on the other cores while
        // this thread, the only one that touches libgit2, compares HEAD with the index and lists
        // untracked files: together, the same answer as a full status in a fraction of its time.
        let reading = DispatchGroup()
        let box = ReadingBox()
        DispatchQueue.global().async(group: reading) { [root = repository.root] in
            box.reading = CandidateFiles.read(tracked, root: root, indexWritten: index.writtenAt)
        }
        // The walk first: it checks every .gitignore and .gitattributes before libgit2 may read one.
        let walk = try repository.untrackedWalk(index)
        let staged = try repository.stagedPaths(index)
        let trackedPaths = Set(tracked.map(\.path))
        reading.wait()
        let loaded = box.reading
        // A folder the walk could not list may hold anything: libgit2's full status decides.
        let dirty = walk.unreadable.isEmpty
            ? Set(repository.combine(staged: staged, changed: try repository.changedPaths(among: loaded.suspects + walk.displaced), untracked: walk.untracked))
            : Set(try repository.dirtyPaths())
        let isTest = { (path: String) in FileClassifier.role(of: path) == .test }

        var manifests: [PackageManifest] = []
        var lockfiles: [Lockfile] = []
        var sites: [Site] = []
        var findings: [Finding] = []
        var pythonRequirements: [PythonAdvice.Requirement] = []
        var contents: [String: [UInt8]] = [:]
        var pythonFiles: [String] = []
        var modules: [Module] = []

        for entry in loaded.unreadable {
            findings.append(Finding(file: entry.path, line: 1, kind: "unreadable", advice: entry.reason))
        }
        for file in loaded.candidates {
            contents[file.path] = file.bytes
            let bytes = file.bytes
            switch file.kind {
            case .manifest:
                do { manifests.append(try PackageManifest(path: file.path, bytes: bytes)) } catch {
                    findings.append(Finding(file: file.path, line: 1, kind: "unreadable", advice: "\(error); dependencies here are not checked, so verify fails until it can be read"))
                }
            case .lockfile:
                do { lockfiles.append(try Lockfile(path: file.path, bytes: bytes)) } catch {
                    findings.append(Finding(file: file.path, line: 1, kind: "unreadable", advice: "\(error); the versions it pins are unknown, so verify fails until it can be read"))
                }
            case .script:
                switch file.script {
                case .parsed(let module, let found, let sessionFindings)?:
                    modules.append(module)
                    sites += found
                    findings += sessionFindings
                case .unreadable(let line, let message)?:
                    findings.append(Finding(file: file.path, line: line,
                                            kind: "unreadable", advice: "could not be read (\(message)); not edited: check it by hand"))
                case .generated?, nil:
                    continue
                }
            case .swift:
                // Test files build servers to test them, stateful ones included: never edited.
                if file.role == .test { continue }
                let facade = SwiftFacadeRecipes.scan(path: file.path, bytes: bytes)
                let hosting = SwiftHostingRecipes.scan(path: file.path, bytes: bytes)
                sites += facade.sites + hosting.sites
                findings += facade.findings + hosting.findings
            case .python:
                pythonFiles.append(file.path)
            case .pythonRequirements:
                pythonRequirements += PythonAdvice.requirements(path: file.path, text: String(decoding: bytes, as: UTF8.self))
            }
        }
        // fastmcp servers, followed across the modules of each package.
        let loader = ModuleLoader(root: repository.root, tracked: trackedPaths, preloaded: modules, manifests: manifests)
        let resolver = ValueResolver(loader: loader)
        var servers = FastMCPServers(resolver: resolver)
        servers.sessionFindings = findings.filter { $0.kind == "session-state" }
        let packageFolders = manifests.map(\.directory).sorted { $0.count > $1.count }
        servers.packageOf = { path in packageFolders.first { $0.isEmpty || path.hasPrefix($0 + "/") } ?? "" }
        let proxies = ProxyServers(resolver: resolver)
        let sdk = SDKServers(resolver: resolver)
        for module in modules where module.context.index.bindings.contains(where: { $0.module.hasPrefix("@modelcontextprotocol/") }) {
            var found: [Finding] = []
            sites += sdk.scan(module, findings: &found)
            if !isTest(module.path) { findings += found }
        }
        // mcp-proxy's `startHTTPServer` can only be called where the module names the package.
        let proxyName = [Array("mcp-proxy".utf8)]
        let proxyModules = modules.filter { FileClassifier.mentions($0.file.bytes, proxyName) }
        for module in proxyModules where !isTest(module.path) { sites += proxies.scan(module, findings: &findings) }
        for module in proxyModules where isTest(module.path) {
            var ignored: [Finding] = []
            sites += proxies.scan(module, findings: &ignored)
        }
        sites += servers.scan(Self.byPackage(modules, manifests: manifests), loader: loader, isTest: { isTest($0) }, findings: &findings)

        // CORS of an express or node app is edited only where the app serves MCP.
        let modulesByPath = Dictionary(modules.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var verdicts: [String: MCPTransports.Verdict] = [:]
        for i in sites.indices where sites[i].recipe == .corsHeaders && ["express-ts", "node-http-ts", "hono-ts"].contains(sites[i].stack) {
            guard let module = modulesByPath[sites[i].file] else { continue }
            loader.startBudget()
            let verdict = verdicts[module.path] ?? MCPTransports.verdict(for: module, loader: loader, packageFolder: servers.packageOf(module.path))
            verdicts[module.path] = verdict
            switch verdict {
            case .serves: break
            case .doesNot:
                sites[i].outcome = .notApplicable
                sites[i].edit = nil
                sites[i].requirements = []
                sites[i].reason = "this app serves no MCP transport (fastmcp, mcp-proxy, the SDK's streamable HTTP transport, @hono/mcp) here, in the modules it imports or in the modules that import it; its CORS is left alone (\(sites[i].reason))"
            case .unknown(let why):
                sites[i].outcome = .review
                sites[i].edit = nil
                sites[i].requirements = []
                sites[i].unresolved = true
                sites[i].reason = "cannot tell whether this app serves MCP: \(why); if it does, browsers need `Authorization` and the MCP headers allowed (\(sites[i].reason))"
            }
        }

        func read(_ path: String) -> [UInt8]? {
            if let bytes = contents[path] { return bytes }
            if case .bytes(let bytes, _) = CandidateFiles.readFile(repository.root + "/" + path) { return bytes }
            return nil
        }
        for path in pythonFiles where !isTest(path) {
            let result = PythonAdvice.scan(path: path, text: String(decoding: read(path) ?? [], as: UTF8.self), requirements: pythonRequirements)
            sites += result.sites
            findings += result.findings
        }

        // Files that are never edited.
        for i in sites.indices {
            if isTest(sites[i].file) {
                sites[i].outcome = .notApplicable
                sites[i].reason = "test file: never edited (\(sites[i].reason))"
                sites[i].edit = nil
            } else if sites[i].outcome == .apply || sites[i].outcome == .blocked,
                let other = sites[i].edit?.changes.compactMap(\.file).first(where: { FileClassifier.role(of: $0) != .source })
            {
                // The options live in a test, generated or vendored file: never edited.
                sites[i].outcome = .review
                sites[i].unresolved = true
                sites[i].edit = nil
                sites[i].reason = "the edit would be in \(other), which migrate never edits (tests, build output, vendored code); set `stateless: true` where the options are decided (\(sites[i].reason))"
            } else if sites[i].outcome == .apply, ([sites[i].file] + (sites[i].edit?.changes.compactMap(\.file) ?? [])).contains(where: dirty.contains) {
                sites[i].outcome = .review
                sites[i].reason = "the file has uncommitted changes, so it is not edited; commit or stash them and run again (\(sites[i].reason))"
            }
        }

        let floor = DependencyFloor(manifests: manifests, lockfiles: lockfiles)
        var dependencies: [Dependency] = []
        var installCommands: [String] = []
        resolveVersions(&sites, &findings, &dependencies, &installCommands, floor: floor, options: options, dirty: dirty)

        var edits: [String: [TextEdit]] = [:]
        for site in sites where site.outcome == .apply {
            for change in site.edit?.changes ?? [] {
                var edit = change
                let path = edit.file ?? site.file
                edit.file = nil
                // Two sites sharing one options object ask for the same edit once.
                if !(edits[path]?.contains(edit) ?? false) { edits[path, default: []].append(edit) }
            }
        }
        var originals: [String: [UInt8]] = [:]
        for path in edits.keys { originals[path] = read(path) }

        sites.sort { ($0.file, $0.line, $0.recipe.rawValue) < ($1.file, $1.line, $1.recipe.rawValue) }
        findings.sort { ($0.file, $0.line, $0.kind) < ($1.file, $1.line, $1.kind) }
        dependencies.sort { ($0.workspace, $0.package) < ($1.workspace, $1.package) }
        let report = MigrationReport(
            repository: .init(root: repository.root, head: head, dirty: !dirty.isEmpty),
            sites: sites, dependencies: dependencies, findings: findings)
        return Inspection(report: report, edits: edits, originals: originals, installCommands: installCommands)
    }

    /// Modules grouped by the nearest folder with a `package.json` (the root when none).
    static func byPackage(_ modules: [Module], manifests: [PackageManifest]) -> [(folder: String, modules: [Module])] {
        let folders = manifests.map(\.directory).sorted { $0.count > $1.count }
        var groups: [String: [Module]] = [:]
        for module in modules {
            let folder = folders.first { $0.isEmpty || module.path.hasPrefix($0 + "/") } ?? ""
            groups[folder, default: []].append(module)
        }
        return groups.keys.sorted().map { ($0, groups[$0]!) }
    }

    /// Checks each edit's version needs against the resolved versions: blocks or (with `bump`)
    /// raises ranges, and adds the `dependency-floor` sites, the dependency list and version findings.
    private func resolveVersions(
        _ sites: inout [Site], _ findings: inout [Finding], _ dependencies: inout [Dependency], _ installCommands: inout [String],
        floor: DependencyFloor, options: Options, dirty: Set<String>
    ) {
        // (manifest path, package) → highest version needed, and why.
        var needs: [String: [String: (SemanticVersion, String)]] = [:]
        for i in sites.indices where !sites[i].requirements.isEmpty && (sites[i].outcome == .apply || sites[i].outcome == .already) {
            guard let manifest = floor.manifest(for: sites[i].file) else {
                sites[i].outcome = .review
                sites[i].reason += "; no package.json declares the package, so its version is unknown"
                continue
            }
            var blockedBy: [String] = []
            for key in sites[i].requirements {
                let fact = VersionFacts.fact(key)
                let resolution = floor.resolve(fact.package, in: manifest)
                let current = needs[manifest.path]?[fact.package]
                if current == nil || current!.0 < fact.version {
                    needs[manifest.path, default: [:]][fact.package] = (fact.version, fact.fact)
                }
                guard let version = resolution.version else {
                    blockedBy.append("\(fact.package) ≥ \(fact.version) for \(fact.fact), but its version is unknown (\(resolution.source))")
                    continue
                }
                if version < fact.version {
                    blockedBy.append("\(fact.package) ≥ \(fact.version) for \(fact.fact); \(version) resolved from \(resolution.source)")
                }
            }
            guard !blockedBy.isEmpty else { continue }
            if sites[i].outcome == .already {
                // The option is written, but the installed version ignores it.
                let install = floor.installCommand(for: manifest)
                sites[i].outcome = .blocked
                sites[i].reason += ", but the installed version ignores it: needs " + blockedBy.joined(separator: "; ")
                    + ". If the range already admits it, run `\(install)` to update the lockfile; otherwise `migrate apply --bump`"
            } else if options.bump && blockedBy.allSatisfy({ !$0.contains("unknown") }) && !dirty.contains(manifest.path) {
                sites[i].reason += " (needs " + blockedBy.joined(separator: "; ") + ": raised by --bump)"
            } else {
                sites[i].outcome = .blocked
                sites[i].reason += "; blocked: needs " + blockedBy.joined(separator: "; ") + ". Run `migrate plan --bump` to raise the range"
            }
        }

        for manifest in floor.manifests {
            for package in ["fastmcp", "mcp-proxy"] {
                let resolution = floor.resolve(package, in: manifest)
                let declaredHere = manifest.dependencies[package] != nil
                guard declaredHere || (package == "mcp-proxy" && manifest.dependencies["fastmcp"] != nil && resolution.version != nil) else { continue }
                let base = VersionFacts.fact(package == "fastmcp" ? .fastmcpStateless : .proxyStateless)
                let needed = needs[manifest.path]?[package]
                let floorVersion = needed?.0 ?? base.version
                let satisfied = resolution.version.map { $0 >= floorVersion } ?? false
                dependencies.append(Dependency(
                    package: package, workspace: manifest.directory, declared: resolution.declared, resolved: resolution.version?.description,
                    lockfile: resolution.lockfile?.path, floor: floorVersion.description, satisfied: satisfied))
                if package == "mcp-proxy" { proxyFindings(resolution, manifest: manifest, &findings) }
                guard declaredHere else { continue }
                let stack = package == "fastmcp" ? "fastmcp-ts" : "mcp-proxy-ts"
                let line = manifest.line(of: package)
                let versionText = resolution.version.map { "\($0) (from \(resolution.source))" } ?? "unknown (\(resolution.source))"
                var site = Site(file: manifest.path, line: line, stack: stack, recipe: .dependencyFloor, outcome: .already,
                                reason: "\(package) \(versionText) is at or above \(floorVersion)", edit: nil)
                if needed == nil {
                    site.outcome = .notApplicable
                    site.reason = "\(package) \(versionText): no edit in this package needs a newer version"
                } else if !satisfied {
                    let why = needed!.1
                    let install = floor.installCommand(for: manifest)
                    if options.bump, let edit = manifest.raiseEdit(of: package, to: floorVersion), !dirty.contains(manifest.path) {
                        site.outcome = .apply
                        site.reason = "\(package) \(versionText) is below \(floorVersion) (\(why)); the range is raised, then run `\(install)`"
                        site.edit = SiteEdit(summary: "raise \(package) to \(edit.replacement)", changes: [edit])
                        if !installCommands.contains(install) { installCommands.append(install) }
                    } else {
                        site.outcome = .blocked
                        site.reason = "\(package) \(versionText) is below \(floorVersion) (\(why)); bump plan: raise the range to "
                            + "\(DeclaredRange(resolution.declared ?? "").raised(to: floorVersion)) (`migrate plan --bump`), then run `\(install)`"
                    }
                }
                sites.append(site)
            }
        }
    }

    /// What an old mcp-proxy does differently, for servers that will run stateless.
    private func proxyFindings(_ resolution: DependencyFloor.Resolution, manifest: PackageManifest, _ findings: inout [Finding]) {
        guard let version = resolution.version else { return }
        let line = manifest.line(of: manifest.dependencies["mcp-proxy"] != nil ? "mcp-proxy" : "fastmcp")
        for key in [VersionFact.Key.proxyWildcardHeadersFixed, .proxyAuthFailuresAre401, .proxyDefaultHeadersIncludeProtocolVersion, .proxyStatelessGET405] {
            let fact = VersionFacts.fact(key)
            guard version < fact.version else { continue }
            findings.append(Finding(file: manifest.path, line: line, kind: "version-behaviour",
                                    advice: "mcp-proxy \(version) (from \(resolution.source)) predates \(fact.version), which brings \(fact.fact)"))
        }
    }
}

/// Carries what the reading queue found back to the inspector (written once, then read after
/// the group is waited on).
private final class ReadingBox: @unchecked Sendable {
    var reading = CandidateFiles.Reading()
}
