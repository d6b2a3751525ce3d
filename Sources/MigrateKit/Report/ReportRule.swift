/// What each recipe and finding kind means, for the formats that describe their rules (SARIF)
/// or title their annotations: one entry per recipe and per finding kind, with the MIGRATION.md
/// section that explains it.
public struct ReportRule: Sendable {
    /// The recipe or finding kind (`stateless-opt-in`, `auth-missing`…).
    public var id: String
    /// A PascalCase name (`StatelessOptIn`).
    public var name: String
    /// One line: what is wrong when the rule reports something.
    public var summary: String
    /// What it checks and what to do, for a person.
    public var help: String
    /// The MIGRATION.md section (its title and GitHub anchor) that explains it.
    public var section: (title: String, anchor: String)

    /// Every rule, recipes first.
    public static let all: [ReportRule] = [
        ReportRule(
            id: RecipeName.statelessOptIn.rawValue, name: "StatelessOptIn",
            summary: "The server keeps sessions: stateless mode is not switched on",
            help: "Behind a load balancer or on serverless a session lives on one instance only. The recipe sets the stateless option where the server's options are decided, or says what it could not follow.",
            section: ("Per stack", "per-stack")),
        ReportRule(
            id: RecipeName.corsHeaders.rawValue, name: "CORSHeaders",
            summary: "Browsers may not send Authorization or read the MCP headers",
            help: "A browser client sends `Authorization: Bearer …` and the MCP request headers, and reads `Mcp-Session-Id` and `WWW-Authenticate`; CORS must allow and expose them where MCP is served.",
            section: ("express / node CORS", "express--node-cors")),
        ReportRule(
            id: RecipeName.dependencyFloor.rawValue, name: "DependencyFloor",
            summary: "A dependency is below the version the migration needs",
            help: "The installed version ignores the option the migration writes; raise the range (`migrate plan --bump`) and install.",
            section: ("Version floors", "version-floors")),
        ReportRule(
            id: "session-state", name: "SessionState",
            summary: "State kept per session, which stateless mode does not keep",
            help: "In stateless mode every request stands alone: what is stored on a session, or keyed by a session id, is gone by the next request. Key it by the token's subject in a shared store.",
            section: ("Per stack", "per-stack")),
        ReportRule(
            id: "auth-missing", name: "AuthMissing",
            summary: "An HTTP server that checks no token",
            help: "Stateless mode exists so that every request carries a bearer token that is checked; without a check the server answers anyone who can reach it.",
            section: ("The workflow", "the-workflow")),
        ReportRule(
            id: "unreadable", name: "Unreadable",
            summary: "A file migrate could not read",
            help: "A link, a FIFO, a file over 2 MiB, UTF-16 or invalid UTF-8, or code the reader gave up on: it is never edited; check it by hand.",
            section: ("The workflow", "the-workflow")),
        ReportRule(
            id: "version-behaviour", name: "VersionBehaviour",
            summary: "The resolved version behaves differently from newer ones",
            help: "A fact about the installed version that matters once the server runs stateless.",
            section: ("Version floors", "version-floors")),
        ReportRule(
            id: "python-server", name: "PythonServer",
            summary: "A Python MCP server: advice only",
            help: "migrate never edits Python; the advice names the exact option for the package and version found.",
            section: ("Python", "python")),
    ]

    /// The rule for a recipe or finding kind; a kind this build does not know gets a plain rule.
    public static func rule(_ id: String) -> ReportRule {
        all.first { $0.id == id }
            ?? ReportRule(id: id, name: id, summary: id, help: "See MIGRATION.md.", section: ("Migrating an MCP server", "the-workflow"))
    }

    /// The help as Markdown, ending with the link to the section.
    public var helpMarkdown: String {
        "\(help)\n\nSee [MIGRATION.md, \"\(section.title)\"](MIGRATION.md#\(section.anchor))."
    }
}
