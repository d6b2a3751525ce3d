/// What `inspect` found, in the shape `--json` prints (see docs/migrate-json.md).
public struct MigrationReport: Sendable, Codable {
    /// Bumped when a field changes meaning or disappears; new fields do not bump it. 2: sites may be
    /// `unresolved`, edits may name another `file`, and `verify` fails on unresolved sites.
    public static let currentSchemaVersion = 2

    /// The repository inspected.
    public struct Repository: Sendable, Codable {
        /// Absolute path of the work tree.
        public var root: String
        /// HEAD's commit id; nil before the first commit.
        public var head: String?
        /// Whether the work tree has uncommitted changes (untracked files included).
        public var dirty: Bool
    }

    /// The JSON schema version (``currentSchemaVersion``).
    public var schemaVersion: Int = MigrationReport.currentSchemaVersion
    /// The repository inspected.
    public var repository: Repository
    /// Every place a recipe looked at.
    public var sites: [Site]
    /// The dependencies checked against the version table.
    public var dependencies: [Dependency]
    /// What a person should know that is not an edit.
    public var findings: [Finding]

    /// Sites whose outcome is `outcome`.
    public func sites(_ outcome: Outcome) -> [Site] { sites.filter { $0.outcome == outcome } }
}

/// What a recipe decided for one place in the code.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// migrate edits it.
    case apply
    /// Already what the migration wants.
    case already
    /// A person has to look: migrate cannot be sure, so it does not edit.
    case review
    /// Cannot be done as things are (usually a dependency below its floor); the reason says how to unblock.
    case blocked
    /// The recipe does not concern this place (stdio-only servers, test files).
    case notApplicable = "not-applicable"
}

/// The recipes.
public enum RecipeName: String, Sendable, Codable, CaseIterable {
    case statelessOptIn = "stateless-opt-in"
    case corsHeaders = "cors-headers"
    case dependencyFloor = "dependency-floor"
}

/// One place a recipe looked at.
public struct Site: Sendable, Codable {
    /// Relative to the repository root, `/`-separated.
    public var file: String
    /// 1-based.
    public var line: Int
    /// `fastmcp-ts`, `mcp-proxy-ts`, `sdk-ts`, `express-ts`, `node-http-ts`, `hono-ts`, `swift-fastmcp`, `swift-mcpproxy`, `swift-sdk`, `python-mcp`, `python-fastmcp`, `npm`.
    public var stack: String
    /// The recipe that looked.
    public var recipe: RecipeName
    /// What it decided.
    public var outcome: Outcome
    /// Why, for a person.
    public var reason: String
    /// The change, when the outcome is `apply` (or would be once unblocked).
    public var edit: SiteEdit?
    /// Version facts the edit needs (internal: resolved against the lockfile by the inspector).
    var requirements: [VersionFact.Key] = []
    /// `true` when migrate found a server here but could not follow it to what decides the outcome
    /// (the reason says where it stopped); absent otherwise. `verify` fails while one remains.
    public var unresolved: Bool?

    enum CodingKeys: String, CodingKey { case file, line, stack, recipe, outcome, reason, edit, unresolved }
}

/// A site's edit: what it does and the exact byte replacements.
public struct SiteEdit: Sendable, Codable {
    /// `insert \`stateless: true\``, `set \`stateless\` to true`…
    public var summary: String
    /// The byte replacements.
    public var changes: [TextEdit]
}

/// A dependency migrate checked against the version table.
public struct Dependency: Sendable, Codable {
    /// `fastmcp` or `mcp-proxy`.
    public var package: String
    /// The workspace folder declaring it (`""` for the repository root).
    public var workspace: String
    /// The range in `package.json`; nil when only resolved transitively.
    public var declared: String?
    /// The version the lockfile resolved; nil without a lockfile entry.
    public var resolved: String?
    /// Relative path of the lockfile used; nil when there is none (the declared range's lower bound counts).
    public var lockfile: String?
    /// The lowest version the migration needs.
    public var floor: String
    /// Whether the resolved version reaches the floor.
    public var satisfied: Bool
}

/// Something a person should know that is not an edit.
public struct Finding: Sendable, Codable {
    /// Relative to the repository root.
    public var file: String
    /// 1-based.
    public var line: Int
    /// `session-state`, `python-server`, `swift-sdk-server`, `version-behaviour`, `unreadable`, `auth-missing`, `cors-credentials`.
    public var kind: String
    /// What to do, for a person.
    public var advice: String
}
