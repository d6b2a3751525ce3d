// swift-tools-version:6.1
import CompilerPluginSupport
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "mcp-stateless",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MCPProxy", targets: ["MCPProxy"]),
        .library(name: "FastMCP", targets: ["FastMCP"]),
        // @Tools/@Tool/@Schema: its own product, so FastMCP users who do not write macros never build swift-syntax's macro parts.
        .library(name: "FastMCPMacros", targets: ["FastMCPMacros"]),
        .library(name: "MCPSwiftSDKAdapter", targets: ["MCPSwiftSDKAdapter"]),
        .library(name: "MCPAcceptance", targets: ["MCPAcceptance"]),
        .library(name: "MCPStdioProxy", targets: ["MCPStdioProxy"]),
        .library(name: "MCPTesting", targets: ["MCPTesting"]),
        // Shared state on PostgreSQL: its own product, so nobody else builds postgres-nio.
        .library(name: "MCPPostgres", targets: ["MCPPostgres"]),
        .executable(name: "migrate", targets: ["migrate"]),
        .executable(name: "mcp-stateless-proxy", targets: ["mcp-stateless-proxy"]),
        .executable(name: "mcp-example", targets: ["mcp-example"]),
        .executable(name: "mcp-notes-example", targets: ["mcp-notes-example"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Pre-1.0: pinned exactly. Used only by the adapter target.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // migrate: Swift source reading and YAML lockfiles.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // DocC catalogs: scripts/docs.sh (a plugin only; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Parsers that face hostile input, with no dependencies (fuzzers build them quickly).
        .target(name: "MCPCore", swiftSettings: strict),
        .target(
            name: "MCPProxy",
            dependencies: [
                "MCPCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPPostgres",
            dependencies: [
                "MCPProxy",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPPostgresOptions",
            dependencies: [
                "MCPPostgres", "MCPProxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FastMCP",
            dependencies: [
                "MCPProxy",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        // What @Tools/@Tool/@Schema/@Field expand to: a plain library, so its tests are not a
        // macro's dependants (those are built for the host with the whole test bundle on Linux).
        .target(
            name: "FastMCPMacrosImplementation",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
            ],
            swiftSettings: strict
        ),
        // The compiler plugin behind FastMCPMacros (built for the host, run by the compiler).
        .macro(
            name: "FastMCPMacrosPlugin",
            dependencies: [
                "FastMCPMacrosImplementation",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: strict
        ),
        .target(name: "FastMCPMacros", dependencies: ["FastMCP", "FastMCPMacrosPlugin"], swiftSettings: strict),
        // Testing servers in process (the real request path, no socket) or live over HTTP.
        .target(
            name: "MCPTesting",
            dependencies: [
                "MCPProxy", "FastMCP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPSwiftSDKAdapter",
            dependencies: [
                "MCPProxy",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPCommandLine",
            dependencies: ["MCPProxy", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mcp-stateless-proxy",
            dependencies: [
                "MCPCore", "MCPStdioProxy", "MCPCommandLine", "MCPPostgresOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MCPStdioProxy",
            dependencies: ["MCPCore", "MCPProxy", "CSpawn", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // posix_spawn with a process group, exactly three descriptors and default signals
        // (glibc's _np file actions need _GNU_SOURCE, which Swift's Glibc module hides).
        .target(name: "CSpawn"),
        // glibc's memmem for migrate's needle search (hidden from Swift like the spawn functions).
        .target(name: "CByteSearch"),
        // Black-box cases: an HTTP client and the wire types, no server code.
        // No dependencies: how values from outside are written into text and XML reports,
        // shared by migrate's reports and the acceptance suite's.
        .target(name: "ReportText", swiftSettings: strict),
        .target(
            name: "MCPAcceptance",
            dependencies: [
                "MCPCore", "ReportText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The acceptance cases again from a headless Chromium: a loopback probe server (plain
        // and TLS, with a throwaway certificate) serves the pages; only migrate links it.
        .target(
            name: "MCPAcceptanceBrowser",
            dependencies: [
                "MCPCore", "MCPAcceptance", "CSpawn",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // libgit2 1.5.1 from the system (Debian: libgit2-dev).
        .systemLibrary(name: "CLibGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        // The TS/JS lexer: no dependencies, so the fuzzer builds it quickly.
        .target(name: "ScriptLexer", swiftSettings: strict),
        // The TS/JS syntax tree on that lexer: no other dependencies, for the same reason.
        .target(name: "ScriptSyntax", dependencies: ["ScriptLexer"], swiftSettings: strict),
        .target(
            name: "MigrateKit",
            dependencies: [
                "CLibGit2", "CByteSearch", "ScriptLexer", "ScriptSyntax", "ReportText",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "migrate",
            dependencies: [
                "MCPCore", "MCPAcceptance", "MCPAcceptanceBrowser", "MigrateKit", "ReportText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Benchmark servers (bench/run.sh builds them in release).
        .executableTarget(
            name: "bench-bare",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            path: "bench/servers/bench-bare"
        ),
        .executableTarget(
            name: "bench-sdk",
            dependencies: [
                "MCPSwiftSDKAdapter", "MCPProxy", .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/servers/bench-sdk"
        ),
        .executableTarget(
            name: "bench-fanout",
            dependencies: [
                "MCPPostgres", "MCPProxy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "bench/servers/bench-fanout"
        ),
        .executableTarget(
            name: "bench-reliability",
            dependencies: ["FastMCP", "MCPCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "bench/servers/bench-reliability"
        ),
        .target(
            name: "ExampleServers",
            dependencies: ["MCPCore", "FastMCP", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Examples/ExampleServers",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mcp-example",
            dependencies: [
                "FastMCP",
                "ExampleServers",
                "MCPCommandLine",
                "MCPPostgresOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Examples/mcp-example",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // The notes example: tools declared with @Tools (FastMCPMacros).
        .target(
            name: "NotesExample",
            dependencies: ["MCPCore", "FastMCPMacros"],
            path: "Examples/NotesExample",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mcp-notes-example",
            dependencies: [
                "MCPCore", "NotesExample", "FastMCP", "MCPCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/mcp-notes-example",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mcp-mounted-example",
            dependencies: [
                "MCPCore", "FastMCP", "ExampleServers", "MCPCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Examples/mcp-mounted-example",
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "MCPProxy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "MCPProxyTests",
            dependencies: [
                "MCPProxy", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "MCPPostgresTests",
            dependencies: [
                "MCPPostgres", "MCPPostgresOptions", "MCPProxy", "TestSupport", "ExampleServers", "FastMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "FastMCPTests",
            dependencies: [
                "FastMCP", "FastMCPMacros", "MCPProxy", "ExampleServers", "TestSupport", "MCPSwiftSDKAdapter", "MCPTesting", "MCPCommandLine",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "FastMCPMacrosTests",
            // The expansions as a library, not the macro target: a test target that depends on a
            // macro is built for the host, and on Linux so is the one test bundle it shares with
            // every other test target (the whole test graph twice).
            dependencies: [
                "FastMCPMacrosImplementation",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
            ]
        ),
        .testTarget(
            name: "MCPTestingTests",
            dependencies: [
                "MCPTesting", "FastMCP", "MCPProxy", "ExampleServers", .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "ScriptLexerTests", dependencies: ["ScriptLexer"]),
        .testTarget(name: "ScriptSyntaxTests", dependencies: ["ScriptSyntax", "ScriptLexer"], exclude: ["Inputs"]),
        .testTarget(
            name: "MigrateKitTests",
            dependencies: ["MigrateKit", "ScriptLexer", "ReportText"],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(
            name: "StdioProxyTests",
            dependencies: ["MCPStdioProxy", "MCPProxy", "MCPAcceptance", "MCPAcceptanceBrowser", "TestSupport"]
        ),
        // Every Swift fence of the README, MIGRATION.md, docs/ and the DocC articles, generated by
        // scripts/snippets.py: compiled with the tests, never shipped.
        .target(
            name: "DocSnippets",
            dependencies: [
                "FastMCP", "FastMCPMacros", "MCPProxy", "MCPTesting", "MCPPostgres", "MCPAcceptance", "MCPStdioProxy",
                "MCPSwiftSDKAdapter", "ExampleServers",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/DocSnippets"
        ),
        .testTarget(name: "DocSnippetTests", dependencies: ["DocSnippets", "TestSupport"]),
        .testTarget(
            name: "AcceptanceTests",
            dependencies: [
                "MCPAcceptance", "MCPAcceptanceBrowser", "MCPProxy", "FastMCP", "ExampleServers", "NotesExample", "TestSupport", "ReportText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
