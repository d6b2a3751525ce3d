// swift-tools-version:6.1
// The connection pipeline under libFuzzer: NIO's HTTP/1 decoder, the HTTPTypes codec, and
// MCPProxy's header timeout and body guard on an EmbeddedChannel whose clock the input moves.
// Built by bench/fuzz-pipeline.sh (release, -sanitize=fuzzer, -enable-testing for the handlers'
// internal initialisers); not part of the workspace's build or tests.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between clones: the script says it.
let workspace = ProcessInfo.processInfo.environment["MCP_WORKSPACE_IDENTITY"] ?? "main"

let package = Package(
    name: "pipeline-fuzz",
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: [
                .product(name: "MCPProxy", package: workspace),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        )
    ]
)
