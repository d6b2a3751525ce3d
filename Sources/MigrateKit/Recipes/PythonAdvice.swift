import Foundation

/// Python servers: the exact advice for the package and version found (official `mcp` 1.x or
/// 2.x, or the `fastmcp` package). Never an edit.
enum PythonAdvice {
    /// A Python requirement read from a manifest or lockfile.
    struct Requirement {
        var package: String
        var spec: String
        var version: SemanticVersion?
        var file: String
        var line: Int
    }

    /// Reads `mcp` and `fastmcp` requirements from `requirements*.txt`, `pyproject.toml` and
    /// `uv.lock`/`poetry.lock` (resolved versions win over ranges).
    static func requirements(path: String, text: String) -> [Requirement] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var found: [Requirement] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        if name == "uv.lock" || name == "poetry.lock" {
            for (i, line) in lines.enumerated() where line.hasPrefix("name = ") {
                let package = line.dropFirst(7).trimming("\" ")
                guard package == "mcp" || package == "fastmcp", i + 1 < lines.count, lines[i + 1].hasPrefix("version = ") else { continue }
                let version = lines[i + 1].dropFirst(10).trimming("\" ")
                found.append(Requirement(package: package, spec: "==\(version)", version: SemanticVersion(version), file: path, line: i + 1))
            }
            return found
        }
        for (i, raw) in lines.enumerated() {
            let line = raw.trimming(" \t,\"'")
            for package in ["mcp", "fastmcp"] {
                guard line.hasPrefix(package) else { continue }
                var rest = Substring(line.dropFirst(package.count))
                if rest.first == "[", let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
                rest = Substring(rest.trimming(" "))
                guard rest.isEmpty || "<>=!~;".contains(rest.first!) else { continue }
                let spec = String(rest.prefix { $0 != ";" && $0 != "\"" }).trimming(" ")
                let versionText = spec.drop { "<>=!~ ".contains($0) }.prefix { $0 != "," && $0 != " " }
                let version = spec.hasPrefix("<") ? nil : SemanticVersion(String(versionText))
                found.append(Requirement(package: package, spec: spec, version: version, file: path, line: i + 1))
            }
        }
        return found
    }

    /// Findings and a review site for one Python file that serves MCP.
    static func scan(path: String, text: String, requirements: [Requirement]) -> (sites: [Site], findings: [Finding]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(containing needle: String) -> Int? {
            lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
        }
        let fastmcpPackage = line(containing: "from fastmcp import") ?? line(containing: "import fastmcp")
        let mcp1 = line(containing: "from mcp.server.fastmcp import")
        let mcp2 = line(containing: "from mcp.server.mcpserver import")
        guard let at = fastmcpPackage ?? mcp1 ?? mcp2 else { return ([], []) }
        let already = text.contains("stateless_http=True") || text.contains("stateless_http = True")

        func versionText(_ package: String) -> (String, SemanticVersion?) {
            let pinned = requirements.filter { $0.package == package }
            let resolved = pinned.first { $0.spec.hasPrefix("==") } ?? pinned.first
            guard let resolved else { return ("(version not pinned)", nil) }
            return ("\(resolved.spec) (\(resolved.file))", resolved.version)
        }
        var advice: String
        var stack = "python-mcp"
        if fastmcpPackage != nil {
            stack = "python-fastmcp"
            let (spec, _) = versionText("fastmcp")
            advice = "fastmcp \(spec): serve stateless with `mcp.run(transport=\"http\", stateless_http=True)` (or set FASTMCP_STATELESS_HTTP=true) and protect it with `auth=JWTVerifier(jwks_uri=…, issuer=…, audience=…)` from `fastmcp.server.auth.providers.jwt`; CORS comes from your ASGI app's CORSMiddleware (allow `Authorization` and the `Mcp-*` headers, expose `Mcp-Session-Id` and `WWW-Authenticate`)"
        } else {
            let (spec, version) = versionText("mcp")
            let major2 = version.map { $0.major >= 2 } ?? (mcp2 != nil)
            if major2 && mcp1 != nil {
                advice = "mcp \(spec) is 2.x, where `mcp.server.fastmcp` no longer exists (FastMCP was renamed `MCPServer` in `mcp.server.mcpserver`): pin `mcp<2` or port the server, then run it with `server.run(\"streamable-http\", stateless_http=True)`"
            } else if major2 {
                advice = "mcp \(spec) (2.x): run `server.run(\"streamable-http\", stateless_http=True)`; protect it with a `token_verifier` and `AuthSettings`; the 2026-07-28 protocol is served on the same endpoint"
            } else {
                advice = "mcp \(spec) (1.x): create the server with `FastMCP(\"name\", stateless_http=True)` and run `mcp.run(transport=\"streamable-http\")`; protect it with `token_verifier=` and `auth=AuthSettings(issuer_url=…, resource_server_url=…)`"
            }
        }
        let finding = Finding(file: path, line: at, kind: "python-server", advice: advice)
        let site = Site(file: path, line: at, stack: stack, recipe: .statelessOptIn, outcome: already ? .already : .review,
                        reason: already ? "`stateless_http=True` is set" : "Python servers are not edited: follow the python-server finding",
                        edit: nil)
        return ([site], [finding])
    }
}
