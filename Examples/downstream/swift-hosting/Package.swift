// swift-tools-version:6.1
import PackageDescription

// The mcp-stateless package this app builds on. Downstream it would be a URL and a version;
// here it is a folder (MCP_STATELESS_PATH, set by the proof script) so the sample builds offline.
let mcpStateless = Context.environment["MCP_STATELESS_PATH"] ?? "../../../mcp-stateless"

let package = Package(
    name: "notes-app",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: mcpStateless),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "notes-app",
            dependencies: [
                .product(name: "FastMCP", package: "mcp-stateless"),
                .product(name: "MCPProxy", package: "mcp-stateless"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ])
    ]
)
