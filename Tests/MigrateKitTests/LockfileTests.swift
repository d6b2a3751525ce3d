import MigrateKit
import Testing

@Suite struct LockfileTests {
    private func lock(_ path: String, _ text: String) throws -> Lockfile { try Lockfile(path: path, bytes: Array(text.utf8)) }

    @Test func npmV3PerWorkspaceThenHoisted() throws {
        let l = try lock("package-lock.json", """
            {"lockfileVersion": 3, "packages": {
              "": {"name": "root"},
              "node_modules/fastmcp": {"version": "3.22.0"},
              "node_modules/@scope/x": {"version": "1.0.0"},
              "packages/a/node_modules/fastmcp": {"version": "3.8.2"},
              "node_modules/fastmcp/node_modules/mcp-proxy": {"version": "5.1.0"},
              "node_modules/mcp-proxy": {"version": "5.9.0"}
            }}
            """)
        #expect(l.kind == .npm)
        #expect(l.resolved("fastmcp", workspace: "packages/a", range: "^3.8.0") == SemanticVersion(3, 8, 2))
        #expect(l.resolved("fastmcp", workspace: "packages/b", range: "^3.20.0") == SemanticVersion(3, 22, 0))
        #expect(l.resolved("fastmcp", workspace: "", range: nil) == SemanticVersion(3, 22, 0))
        #expect(l.resolved("@scope/x", workspace: "", range: nil) == SemanticVersion(1, 0, 0))
        #expect(l.resolved("mcp-proxy", workspace: "", range: nil) == SemanticVersion(5, 9, 0))
        #expect(l.resolved("absent", workspace: "", range: nil) == nil)
    }

    @Test func npmV2InASubfolderLockfile() throws {
        let l = try lock("server/package-lock.json", """
            {"lockfileVersion": 2, "packages": {"": {}, "node_modules/mcp-proxy": {"version": "5.4.1"}},
             "dependencies": {"mcp-proxy": {"version": "5.4.1"}}}
            """)
        #expect(l.directory == "server")
        #expect(l.resolved("mcp-proxy", workspace: "server", range: "^5.0.0") == SemanticVersion(5, 4, 1))
    }

    @Test func npmV1WithNestedDependencies() throws {
        let l = try lock("package-lock.json", """
            {"lockfileVersion": 1, "dependencies": {
              "fastmcp": {"version": "3.10.0", "dependencies": {"mcp-proxy": {"version": "5.2.0"}}}
            }}
            """)
        #expect(l.resolved("fastmcp", workspace: "", range: "^3.0.0") == SemanticVersion(3, 10, 0))
        #expect(l.resolved("mcp-proxy", workspace: "", range: nil) == SemanticVersion(5, 2, 0))
    }

    @Test func pnpmV9V6AndV5() throws {
        let v9 = try lock("pnpm-lock.yaml", """
            lockfileVersion: '9.0'
            importers:
              .:
                dependencies:
                  fastmcp:
                    specifier: ^3.16.0
                    version: 3.16.2(zod@3.23.8)
              packages/b:
                devDependencies:
                  mcp-proxy:
                    specifier: ^6.0.0
                    version: 6.5.3
            packages:
              fastmcp@3.16.2:
                resolution: {integrity: x}
              mcp-proxy@5.6.0:
                resolution: {integrity: y}
              '@scope/pkg@2.0.0':
                resolution: {integrity: z}
            """)
        #expect(v9.kind == .pnpm)
        #expect(v9.resolved("fastmcp", workspace: "", range: nil) == SemanticVersion(3, 16, 2))
        #expect(v9.resolved("mcp-proxy", workspace: "packages/b", range: nil) == SemanticVersion(6, 5, 3))
        #expect(v9.resolved("mcp-proxy", workspace: "", range: nil) == SemanticVersion(5, 6, 0))
        #expect(v9.resolved("@scope/pkg", workspace: "", range: nil) == SemanticVersion(2, 0, 0))

        let v6 = try lock("pnpm-lock.yaml", """
            lockfileVersion: '6.0'
            dependencies:
              mcp-proxy:
                specifier: ^5.5.0
                version: 5.6.1
            packages:
              /mcp-proxy@5.6.1:
                resolution: {integrity: x}
            """)
        #expect(v6.resolved("mcp-proxy", workspace: "", range: nil) == SemanticVersion(5, 6, 1))

        let v5 = try lock("pnpm-lock.yaml", """
            lockfileVersion: 5.4
            specifiers:
              fastmcp: ^3.0.0
            dependencies:
              fastmcp: 3.2.0_zod@3.22.0
            packages:
              /mcp-proxy/5.1.0:
                resolution: {integrity: x}
            """)
        #expect(v5.resolved("fastmcp", workspace: "", range: nil) == SemanticVersion(3, 2, 0))
        #expect(v5.resolved("mcp-proxy", workspace: "", range: nil) == SemanticVersion(5, 1, 0))
    }

    @Test func yarnClassicBySpecifier() throws {
        let l = try lock("yarn.lock", """
            # yarn lockfile v1


            "fastmcp@^4.0.0", fastmcp@^4.5.0:
              version "4.6.2"
              resolved "https://registry.yarnpkg.com/fastmcp/-/fastmcp-4.6.2.tgz"

            fastmcp@^3.0.0:
              version "3.9.0"

            "@scope/x@^1.0.0":
              version "1.2.3"
            """)
        #expect(l.kind == .yarnClassic)
        #expect(l.resolved("fastmcp", workspace: "", range: "^4.5.0") == SemanticVersion(4, 6, 2))
        #expect(l.resolved("fastmcp", workspace: "", range: "^3.0.0") == SemanticVersion(3, 9, 0))
        #expect(l.resolved("@scope/x", workspace: "", range: "^1.0.0") == SemanticVersion(1, 2, 3))
    }

    @Test func yarnBerry() throws {
        let l = try lock("yarn.lock", """
            __metadata:
              version: 8

            "mcp-proxy@npm:^5.10.0, mcp-proxy@npm:^5.11.0":
              version: 5.12.1
              resolution: "mcp-proxy@npm:5.12.1"
            """)
        #expect(l.kind == .yarnBerry)
        #expect(l.resolved("mcp-proxy", workspace: "", range: "^5.11.0") == SemanticVersion(5, 12, 1))
    }

    @Test func unreadableLockfilesSayWhich() {
        #expect(throws: MigrateError.self) { try lock("package-lock.json", "{ not json") }
        #expect(throws: MigrateError.self) { try lock("pnpm-lock.yaml", "a: [unclosed") }
        #expect(throws: MigrateError.self) { try lock("yarn.lock", "# yarn lockfile v1\nnot a header\n") }
    }

    @Test func installCommandsPerManager() {
        #expect(Lockfile.Kind.npm.installCommand == "npm install")
        #expect(Lockfile.Kind.pnpm.installCommand == "pnpm install")
        #expect(Lockfile.Kind.yarnBerry.installCommand == "yarn install")
    }
}

@Suite struct VersionTests {
    @Test func semanticVersions() {
        #expect(SemanticVersion("3.13.0") == SemanticVersion(3, 13, 0))
        #expect(SemanticVersion("v3") == SemanticVersion(3, 0, 0))
        #expect(SemanticVersion("3.13.0-beta.1")! < SemanticVersion(3, 13, 0))
        #expect(SemanticVersion(3, 9, 9) < SemanticVersion(3, 13, 0))
        #expect(SemanticVersion("3.x") == nil)
        #expect(SemanticVersion("") == nil)
    }

    @Test func declaredRangeLowerBounds() {
        #expect(DeclaredRange("^3.1.0").lowerBound == SemanticVersion(3, 1, 0))
        #expect(DeclaredRange("~5.5").lowerBound == SemanticVersion(5, 5, 0))
        #expect(DeclaredRange(">=2.0.0 <4").lowerBound == SemanticVersion(2, 0, 0))
        #expect(DeclaredRange(">= 2.1.0").lowerBound == SemanticVersion(2, 1, 0))
        #expect(DeclaredRange("3.x").lowerBound == SemanticVersion(3, 0, 0))
        #expect(DeclaredRange("^2.0.0 || ^3.0.0").lowerBound == SemanticVersion(2, 0, 0))
        #expect(DeclaredRange("1.2.3 - 2.0.0").lowerBound == SemanticVersion(1, 2, 3))
        #expect(DeclaredRange("*").lowerBound == nil)
        #expect(DeclaredRange("latest").lowerBound == nil)
        #expect(DeclaredRange("workspace:*").lowerBound == nil)
    }

    @Test func raisingKeepsTheOperator() {
        let floor = SemanticVersion(3, 13, 0)
        #expect(DeclaredRange("^3.1.0").raised(to: floor) == "^3.13.0")
        #expect(DeclaredRange("~3.1.0").raised(to: floor) == "~3.13.0")
        #expect(DeclaredRange("3.1.0").raised(to: floor) == "3.13.0")
        #expect(DeclaredRange(">=3.1.0").raised(to: floor) == ">=3.13.0")
        #expect(DeclaredRange("3.x").raised(to: floor) == "^3.13.0")
    }

    @Test func everyFactHasAVersionAndAPackage() {
        #expect(VersionFacts.all.count == VersionFact.Key.allCases.count)
        #expect(VersionFacts.fact(.fastmcpStateless).version == SemanticVersion(3, 13, 0))
        #expect(VersionFacts.fact(.proxyStatelessGET405).version == SemanticVersion(6, 5, 1))
    }
}
