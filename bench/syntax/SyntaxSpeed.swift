// Parses the files given on the command line, concatenated and repeated to at least MIB (1) MiB,
// ROUNDS (7) times; prints the median time per MiB and the input size. Built with swiftc -O from the lexer's
// and parser's sources by bench/syntax-speed.sh.
import Foundation

@main struct SyntaxSpeed {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        var source: [UInt8] = []
        let files = try arguments.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) + [0x0A] }
        guard !files.isEmpty else { fatalError("usage: syntax-speed FILE...") }
        let mib = Int(ProcessInfo.processInfo.environment["MIB"] ?? "1") ?? 1
        while source.count < mib << 20 { for f in files { source += f } }
        let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "7") ?? 7
        var times: [Double] = []
        var statements = 0
        var problems = 0
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            let tree = SyntaxTree(bytes: source, dialect: .typeScript)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            statements = tree.statements.count
            problems = tree.problems.count
        }
        times.sort()
        let size = Double(source.count) / Double(1 << 20)
        print(String(format: "input %.2f MiB, %d statements, %d problems; median %.1f ms per MiB (min %.1f, max %.1f)",
                     size, statements, problems, times[times.count / 2] / size, times[0] / size, times[times.count - 1] / size))
    }
}
