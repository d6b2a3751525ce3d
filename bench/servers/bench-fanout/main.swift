import AsyncHTTPClient
import Foundation
import Logging
import MCPPostgres
import MCPProxy
import NIOCore
import ServiceLifecycle
import Synchronization

// Fan-out latency through PostgreSQL (bench/fanout.sh): REPLICAS servers in this process, each
// with its own PostgresSharedState (pool and LISTEN connection) on one database, LISTENERS
// 2026-era `subscriptions/listen` streams spread over them round-robin, and a publisher on the
// first replica sending `resources/updated` at each RATE for SECONDS. A listener gets the
// changes in publication order, once (the bus's rule), so its k-th notification is publication
// k: latency = arrival − publication. Only listeners on other replicas count. Prints one JSON
// line per rate.

let environment = ProcessInfo.processInfo.environment
guard let url = environment["MCP_TEST_POSTGRES_URL"] else {
    FileHandle.standardError.write(Data("bench-fanout: MCP_TEST_POSTGRES_URL is not set\n".utf8))
    exit(2)
}
let replicaCount = Int(environment["REPLICAS"] ?? "") ?? 3
let listenerCount = Int(environment["LISTENERS"] ?? "") ?? 1000
let rates = (environment["RATES"] ?? "5,20,50,100,200").split(separator: ",").compactMap { Int($0) }
let seconds = Double(environment["SECONDS_PER_RATE"] ?? "") ?? 5

var quiet = Logger(label: "bench-fanout")
quiet.logLevel = .error

let uri = "bench://tick"
let handler = NativeMCPServer(
    name: "bench-fanout", version: "1", resources: [NativeResource(uri: uri, name: "tick") { _ in "tick" }], announcesListChanges: true)

// The replicas.
var servers: [MCPProxyServer] = []
var services: [any Service] = []
for index in 0..<replicaCount {
    var own = try MCPPostgresConfiguration(url: url)
    own.applicationName = "fanout-\(index)"
    let postgres = PostgresSharedState(configuration: own, logger: quiet)
    let configuration = MCPProxyConfiguration(
        host: "127.0.0.1", port: 0, stateless: true, authentication: .disabled(),
        keepAliveInterval: .seconds(60), sharedState: postgres.sharedState())
    let server = MCPProxyServer(configuration: configuration, handler: handler, logger: quiet)
    servers.append(server)
    services.append(server)
}
let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: quiet))
let running = Task { try await group.run() }
var ports: [Int] = []
for server in servers {
    guard let port = await server.waitUntilListening() else {
        FileHandle.standardError.write(Data("bench-fanout: a replica did not start\n".utf8))
        exit(1)
    }
    ports.append(port)
}

/// Publication times, by publication number (from 1), in nanoseconds of a monotonic clock.
final class Ledger: Sendable {
    private let state = Mutex<(published: [UInt64], latencies: [UInt64], received: Int)>(([], [], 0))
    func publish(at time: UInt64) { state.withLock { $0.published.append(time) } }
    func received(number: Int, at time: UInt64, counts: Bool) {
        state.withLock { state in
            state.received += 1
            // Publications of an earlier rate are placeholders (0): a late one is not counted.
            guard counts, number >= 1, number <= state.published.count, state.published[number - 1] != 0 else { return }
            state.latencies.append(time &- state.published[number - 1])
        }
    }
    func reset() { state.withLock { $0 = ([], [], 0) } }
    var snapshot: (published: Int, latencies: [UInt64], received: Int) { state.withLock { ($0.published.count, $0.latencies, $0.received) } }
}
let ledger = Ledger()
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

var clientConfiguration = HTTPClient.Configuration()
clientConfiguration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: listenerCount + 16)
clientConfiguration.timeout = .init(connect: .seconds(10), read: .seconds(600))
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)

let meta: JSONValue = [MetaKey.protocolVersion: "2026-07-28", MetaKey.clientCapabilities: [:], MetaKey.clientInfo: ["name": "bench", "version": "1"]]
let listenBody = JSONWriter.string([
    "jsonrpc": "2.0", "id": 1, "method": "subscriptions/listen",
    "params": ["notifications": ["resourceSubscriptions": [.string(uri)]], "_meta": meta],
])

/// Opens one listen stream on `port`; counts its notifications (its k-th is publication k).
func listen(port: Int, counts: Bool, acknowledged: AsyncStream<Void>.Continuation) async throws {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/mcp")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "Accept", value: "application/json, text/event-stream")
    request.headers.add(name: "MCP-Protocol-Version", value: "2026-07-28")
    request.headers.add(name: "Mcp-Method", value: "subscriptions/listen")
    request.body = .bytes(ByteBuffer(string: listenBody))
    let response = try await client.execute(request, timeout: .seconds(600))
    var number = 0
    var pending = ""
    for try await chunk in response.body {
        let arrived = now()
        pending += String(buffer: chunk)
        while let end = pending.range(of: "\n\n") {
            let event = pending[..<end.lowerBound]
            pending.removeSubrange(..<end.upperBound)
            if event.contains("notifications/subscriptions/acknowledged") {
                acknowledged.yield()
            } else if event.contains("notifications/resources/updated") {
                number += 1
                ledger.received(number: number, at: arrived, counts: counts)
            }
        }
    }
}

// The listeners, round-robin over the replicas; those on the publisher's replica do not count.
let (acknowledgements, acknowledged) = AsyncStream<Void>.makeStream()
var listeners: [Task<Void, Never>] = []
for index in 0..<listenerCount {
    let replica = index % replicaCount
    listeners.append(Task { try? await listen(port: ports[replica], counts: replica != 0, acknowledged: acknowledged) })
}
var ready = 0
for await _ in acknowledgements {
    ready += 1
    if ready == listenerCount { break }
}
let remote = (0..<listenerCount).filter { $0 % replicaCount != 0 }.count

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
    return Double(sorted[index]) / 1e6
}

let publisher = servers[0].notifier
var published = 0
for rate in rates {
    let start = published
    let interval = 1.0 / Double(rate)
    let total = Int(Double(rate) * seconds)
    let begin = now()
    for k in 0..<total {
        let due = begin + UInt64(Double(k) * interval * 1e9)
        let current = now()
        if due > current { try await Task.sleep(nanoseconds: due - current) }
        ledger.publish(at: now())
        published += 1
        try await publisher.deliver(.resourceUpdated(uri: uri))
    }
    // Wait until every counted listener has every publication, or 10 s.
    let expected = (published - start) * remote
    let deadline = now() + 10_000_000_000
    while ledger.snapshot.latencies.count < expected, now() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    let snapshot = ledger.snapshot
    let sorted = snapshot.latencies.sorted()
    let line: [String: Any] = [
        "rate": rate, "published": total, "listeners": listenerCount, "remoteListeners": remote,
        "delivered": sorted.count, "expected": expected,
        "p50_ms": percentile(sorted, 0.5), "p99_ms": percentile(sorted, 0.99), "max_ms": percentile(sorted, 1.0),
        "deliveries_per_second": Double(rate * remote),
    ]
    let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    // A listener's k counts from its first notification ever: the next rate's ledger starts with
    // placeholders for what was published before it.
    ledger.reset()
    for _ in 0..<published { ledger.publish(at: 0) }
}
for listener in listeners { listener.cancel() }
await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in client.shutdown { _ in done.resume() } }
await group.triggerGracefulShutdown()
_ = try? await running.value
