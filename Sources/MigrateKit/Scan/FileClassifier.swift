import Foundation

/// Which tracked files migrate reads, and which it may edit.
enum FileClassifier {
    enum Role { case source, test, skipped }

    /// Folders never read: dependencies, build output, vendored code.
    static let skippedFolders: Set<String> = [
        "node_modules", "dist", "build", ".next", ".nuxt", "out", "coverage", "vendor", "third_party", ".build", ".venv",
        "venv", "__pycache__", ".git",
    ]
    static let testFolders: Set<String> = ["test", "tests", "__tests__", "__mocks__", "spec", "Tests"]

    static func role(of path: String) -> Role {
        let parts = path.split(separator: "/")
        if parts.dropLast().contains(where: { skippedFolders.contains(String($0)) }) { return .skipped }
        let name = String(parts.last ?? "")
        if name.hasSuffix(".d.ts") || name.hasSuffix(".min.js") || name.hasSuffix(".map") { return .skipped }
        if parts.dropLast().contains(where: { testFolders.contains(String($0)) }) { return .test }
        if name.contains(".test.") || name.contains(".spec.") || name.hasSuffix("Tests.swift") { return .test }
        return .source
    }

    /// Binary (a NUL byte early on) or marked as generated.
    static func isBinaryOrGenerated(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8000)
        if head.contains(0) { return true }
        let top = String(decoding: bytes.prefix(600), as: UTF8.self)
        return top.contains("@generated") || top.contains("DO NOT EDIT") || top.contains("auto-generated")
    }

    /// Whether `bytes` contains any of `needles` (a byte search, cheaper than lexing every file).
    static func mentions(_ bytes: [UInt8], _ needles: [[UInt8]]) -> Bool {
        bytes.withUnsafeBytes { haystack in
            guard let base = haystack.baseAddress else { return false }
            return needles.contains { needle in
                guard let first = needle.first, needle.count <= haystack.count else { return false }
                var offset = 0
                let last = haystack.count - needle.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
