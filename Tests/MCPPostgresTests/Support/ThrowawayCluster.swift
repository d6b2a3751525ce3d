import Foundation
import MCPPostgres
import TestSupport

/// A PostgreSQL cluster of one test's own (initdb into a temporary folder, a free loopback
/// port), so that the test can stop and start the database without touching anyone else's.
/// Uses the programs scripts/lib/postgres.sh found (`MCP_TEST_POSTGRES_BIN`); run as the
/// `postgres` user when the tests run as root.
final class ThrowawayCluster: Sendable {
    let folder: URL
    let port: Int
    let bin: String

    var configuration: MCPPostgresConfiguration {
        var configuration = MCPPostgresConfiguration(host: "127.0.0.1", port: port, username: "postgres", database: "postgres", tls: .disable)
        configuration.startupTimeout = .seconds(20)
        return configuration
    }

    private init(folder: URL, port: Int, bin: String) {
        self.folder = folder
        self.port = port
        self.bin = bin
    }

    static func create() async throws -> ThrowawayCluster {
        guard let bin = ProcessInfo.processInfo.environment["MCP_TEST_POSTGRES_BIN"], !bin.isEmpty else {
            throw TestFailure("MCP_TEST_POSTGRES_BIN is not set: the test command finds PostgreSQL's programs (scripts/lib/postgres.sh)")
        }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mcp-cluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cluster = ThrowawayCluster(folder: folder, port: try await LoopbackPort.free(), bin: bin)
        if getuid() == 0 { try cluster.run("/bin/chown", ["postgres:postgres", folder.path]) }
        try cluster.asPostgres("initdb", ["-D", folder.appendingPathComponent("db").path, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"])
        try cluster.start()
        return cluster
    }

    func start() throws {
        try asPostgres("pg_ctl", [
            "-D", folder.appendingPathComponent("db").path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
            "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
        ])
    }

    func stop() throws {
        try asPostgres("pg_ctl", ["-D", folder.appendingPathComponent("db").path, "-m", "fast", "-w", "stop"])
    }

    func destroy() {
        try? asPostgres("pg_ctl", ["-D", folder.appendingPathComponent("db").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    private func asPostgres(_ program: String, _ arguments: [String]) throws {
        let path = "\(bin)/\(program)"
        if getuid() == 0 {
            try run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        } else {
            try run(path, arguments)
        }
    }

    /// Runs a program to its end with posix_spawn and waitpid (no pipes a started server could
    /// hold open; its output goes to the cluster's folder).
    private func run(_ executable: String, _ arguments: [String]) throws {
        let output = folder.appendingPathComponent("commands.log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o666)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("\(executable) could not start: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exited == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) failed (\(exited)): \(text.suffix(2000))")
        }
    }
}
