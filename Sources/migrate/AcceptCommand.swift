import ArgumentParser
import Foundation
import MCPAcceptance
import MCPAcceptanceBrowser
import MCPCore

/// `migrate accept`: runs the black-box acceptance suite against any server.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Run the stateless-OAuth acceptance suite against a server's MCP endpoint.",
        discussion: """
            Exit status: 0 when every case passed and no skip hid a requirement of --expect; 1 when a case \
            failed, a skip counts (the run saw evidence its precondition holds), the expected mode was not \
            proved, the server answered without a token (unless --expect-no-auth), or the URL is not an MCP \
            endpoint; 2 on a usage error, an unreachable server, a server that requires a token when none was \
            given (token-required: pass --token), or a server that rejected the token given (token-rejected), \
            or --browser with no Chromium found.
            """)

    @Option(help: "The MCP endpoint URL, e.g. http://127.0.0.1:8080/mcp.")
    var url: String

    @Option(help: "A bearer token the server accepts. Without one, a server that serves without authentication fails auth.required (see --expect-no-auth).")
    var token: String?

    @Flag(
        name: .customLong("expect-no-auth"),
        help: "The server is meant to serve without authentication: the auth cases are skipped and the summary says authentication was not checked.")
    var expectNoAuth = false

    @Option(name: .customLong("second-token"), help: "A valid token of another subject (identity-per-request case).")
    var secondToken: String?

    @Option(name: .customLong("invalid-token"), help: "A token the server must refuse.")
    var invalidToken: String?

    @Option(name: .customLong("wrong-audience-token"), help: "A token issued for another audience, which the server must refuse.")
    var wrongAudienceToken: String?

    @Option(name: .customLong("scoped-tool"), help: "A tool that needs a scope --token has and --low-scope-token lacks.")
    var scopedTool: String?

    @Option(name: .customLong("scoped-tool-args"), help: "The scoped tool's arguments as a JSON object.")
    var scopedToolArgs = "{}"

    @Option(name: .customLong("low-scope-token"), help: "A valid token without the scope --scoped-tool needs.")
    var lowScopeToken: String?

    @Option(name: .customLong("progress-tool"), help: "A tool that reports progress when a call asks for it.")
    var progressTool: String?

    @Option(name: .customLong("progress-tool-args"), help: "The progress tool's arguments as a JSON object.")
    var progressToolArgs = "{}"

    @Option(help: "Browser origin for the CORS cases.")
    var origin = "http://localhost"

    @Option(help: "Eras to test: legacy, modern or both.")
    var era: String = "both"

    @Option(help: "Expected mode: stateless or stateful.")
    var expect: String = "stateless"

    @Flag(help: "Also run the CORS checks from headless Chromium on --origin (browser.* cases).")
    var browser = false

    @Option(name: .customLong("browser-path"), help: "The Chromium to run with --browser (default: chromium, then chromium-browser, on PATH).")
    var browserPath: String?

    @Flag(help: "Print the report as JSON on standard output.")
    var json = false

    @Option(help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @Option(help: "Bound on each exchange as a whole (head and body, SSE included), in seconds.")
    var timeout = 15

    @Option(name: .customLong("total-timeout"), help: "Bound on the whole run in seconds; cases not finished by then fail.")
    var totalTimeout = 120

    @Option(name: .customLong("identity-tool"), help: "A tool that returns the caller's subject (default: whoami, when listed).")
    var identityTool: String?

    @Option(name: .customLong("identity-tool-args"), help: "The identity tool's arguments as a JSON object.")
    var identityToolArgs = "{}"

    @Flag(name: .customLong("check-authorization-server"), help: "Also fetch each authorization server's RFC 8414 (or OpenID) metadata.")
    var checkAuthorizationServer = false

    func validate() throws {
        guard AcceptanceConfiguration.Eras(rawValue: era) != nil else { throw ValidationError("--era must be legacy, modern or both") }
        guard AcceptanceConfiguration.Mode(rawValue: expect) != nil else { throw ValidationError("--expect must be stateless or stateful") }
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme.lowercased()), parsed.host != nil else {
            throw ValidationError("--url must be an http(s) URL, got \(url)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if expectNoAuth, token != nil { throw ValidationError("--expect-no-auth and --token contradict each other: give one") }
        guard totalTimeout > 0 else { throw ValidationError("--total-timeout must be positive") }
        for (flag, text) in [("--scoped-tool-args", scopedToolArgs), ("--progress-tool-args", progressToolArgs), ("--identity-tool-args", identityToolArgs)] {
            _ = try Self.jsonObject(text, flag)
        }
        if browserPath != nil, !browser { throw ValidationError("--browser-path needs --browser") }
        if browser, PageOrigin.valid(origin) == false { throw ValidationError("--origin must be an http(s) origin with a host, got \(origin)") }
        guard (scopedTool == nil) == (lowScopeToken == nil) else {
            throw ValidationError("--scoped-tool and --low-scope-token go together")
        }
    }

    /// `text` as a JSON object, or the usage error naming `flag`.
    static func jsonObject(_ text: String, _ flag: String) throws -> JSONValue {
        guard let value = try? JSONParser.parse(text), value.objectValue != nil else {
            throw ValidationError("\(flag) must be a JSON object, got \(text)")
        }
        return value
    }

    func run() async throws {
        var configuration = AcceptanceConfiguration(
            endpoint: url, token: token, secondToken: secondToken, origin: origin,
            eras: AcceptanceConfiguration.Eras(rawValue: era)!, expect: AcceptanceConfiguration.Mode(rawValue: expect)!,
            timeout: .seconds(timeout), totalTimeout: .seconds(totalTimeout), identityTool: identityTool,
            identityToolArguments: try Self.jsonObject(identityToolArgs, "--identity-tool-args"), checkAuthorizationServers: checkAuthorizationServer)
        configuration.expectNoAuth = expectNoAuth
        if let invalidToken { configuration.invalidToken = invalidToken }
        configuration.wrongAudienceToken = wrongAudienceToken
        configuration.scopedTool = scopedTool
        configuration.scopedToolArguments = try Self.jsonObject(scopedToolArgs, "--scoped-tool-args")
        configuration.lowScopeToken = lowScopeToken
        configuration.progressTool = progressTool
        configuration.progressToolArguments = try Self.jsonObject(progressToolArgs, "--progress-tool-args")
        var browserProbe: BrowserProbe?
        if browser {
            do {
                let found = try await Browser.locate(explicitPath: browserPath)
                browserProbe = try await BrowserProbe(browser: found, origin: origin)
            } catch {
                FileHandle.standardError.write(Data("migrate accept: --browser: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        var report: AcceptanceReport
        do {
            report = try await AcceptanceSuite(configuration: configuration).run(adding: browserProbe.map(BrowserCases.all) ?? [])
            report.browser = browserProbe?.browser.version
            await browserProbe?.shutdown()
        } catch {
            await browserProbe?.shutdown()
            FileHandle.standardError.write(Data("migrate accept: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let junit {
            do {
                try JUnitReport(report).render().write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                FileHandle.standardError.write(Data("migrate accept: cannot write \(junit): \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        if json {
            print(JSONReport(report).render(), terminator: "")
        } else {
            print(TextReport(report).render(colors: isatty(STDOUT_FILENO) == 1), terminator: "")
        }
        switch report.outcome {
        case .tokenRequired(let reason), .tokenRejected(let reason):
            FileHandle.standardError.write(Data("migrate accept: \(reason)\n".utf8))
        default:
            break
        }
        if !report.succeeded { throw ExitCode(report.outcome.exitStatus) }
    }
}
