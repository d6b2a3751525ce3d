// swift-tools-version:6.1
import PackageDescription

// The mcp-stateless package this server builds on. Downstream it would be a URL and a version;
// here it is a folder (MCP_STATELESS_PATH, set by the migration demo) so the sample builds offline.
let mcpStateless = Context.environment["MCP_STATELESS_PATH"] ?? "../../../mcp-stateless"

let package = Package(
    name: "notes-server",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: mcpStateless)],
    targets: [
        .executableTarget(name: "notes-server", dependencies: [.product(name: "FastMCP", package: "mcp-stateless")])
    ]
)
