import CByteSearch
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

    private static let skippedFolderBytes = skippedFolders.map { Array($0.utf8) }
    private static let testFolderBytes = testFolders.map { Array($0.utf8) }
    private static let skippedSuffixes = [".d.ts", ".min.js", ".map"].map { Array($0.utf8) }
    private static let testMarkers = [".test.", ".spec."].map { Array($0.utf8) }
    private static let testSuffix = Array("Tests.swift".utf8)

    /// The role of a tracked path. It runs for every tracked file (twice), so it compares bytes
    /// rather than going through Foundation's string search.
    static func role(of path: String) -> Role {
        var path = path
        return path.withUTF8 { bytes in
            func equals(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
                range.count == word.count && word.indices.allSatisfy { bytes[range.lowerBound + $0] == word[$0] }
            }
            // One pass over the folders, no array of them: a skipped folder anywhere wins.
            var inTestFolder = false
            var start = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "/") {
                let folder = start..<i
                if skippedFolderBytes.contains(where: { equals(folder, $0) }) { return .skipped }
                if !inTestFolder && testFolderBytes.contains(where: { equals(folder, $0) }) { inTestFolder = true }
                start = i + 1
            }
            let name = start..<bytes.count
            func hasSuffix(_ word: [UInt8]) -> Bool {
                name.count >= word.count && equals((name.upperBound - word.count)..<name.upperBound, word)
            }
            func contains(_ word: [UInt8]) -> Bool {
                guard name.count >= word.count else { return false }
                return (name.lowerBound...(name.upperBound - word.count)).contains { equals($0..<($0 + word.count), word) }
            }
            if skippedSuffixes.contains(where: hasSuffix) { return .skipped }
            if inTestFolder { return .test }
            if testMarkers.contains(where: contains) || hasSuffix(testSuffix) { return .test }
            return .source
        }
    }

    /// Binary (a NUL byte early on) or marked as generated.
    static func isBinaryOrGenerated(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8000)
        if head.contains(0) { return true }
        let top = String(decoding: bytes.prefix(600), as: UTF8.self)
        return top.contains("@generated") || top.contains("DO NOT EDIT") || top.contains("auto-generated")
    }

    /// Whether `bytes` contains any of `needles` (a byte search with glibc's `memmem`, far cheaper
    /// than lexing every file; it runs over every tracked source file).
    static func mentions(_ bytes: [UInt8], _ needles: [[UInt8]]) -> Bool {
        bytes.withUnsafeBytes { mentions($0, needles) }
    }

    /// Whether `haystack` contains any of `needles`.
    static func mentions(_ haystack: UnsafeRawBufferPointer, _ needles: [[UInt8]]) -> Bool {
        guard let base = haystack.baseAddress else { return false }
        return needles.contains { needle in
            guard !needle.isEmpty, needle.count <= haystack.count else { return false }
            return needle.withUnsafeBytes { migrate_memmem(base, haystack.count, $0.baseAddress!, needle.count) } != nil
        }
    }
}
