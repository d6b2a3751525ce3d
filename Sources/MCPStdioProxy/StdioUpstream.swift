import Foundation
import Logging
import MCPCore
import MCPProxy
import Synchronization

/// Fronts a stdio MCP server (a child process) behind the MCPProxy seam.
///
/// The child is started once and `initialize`d (2025 era, negotiated independently
/// of the downstream era). Every downstream request is multiplexed onto it with a
/// **remapped JSON-RPC id** (and a remapped progress token), so callers with equal
/// ids never receive each other's replies; progress is routed back to the request
/// that asked; a cancelled downstream request sends `notifications/cancelled`
/// upstream. A child that exits fails its in-flight requests with a JSON-RPC error
/// and is restarted with backoff; stdout lines that are not JSON-RPC are logged and
/// skipped; server→client requests (sampling, elicitation, roots) are refused with a
/// clear error, since no downstream caller can answer them.
public final class StdioUpstream: MCPHandler, Sendable {
    /// What the child said about itself at its first `initialize`.
    public var serverDescription: ServerDescription { state.withLock { $0.description } }
    /// The protocol version the child agreed to at `initialize`.
    public var upstreamVersion: String { state.withLock { $0.version } }
    let configuration: StdioUpstreamConfiguration

    private struct Pending {
        var continuation: CheckedContinuation<JSONValue, any Error>
        var sink: (@Sendable (JSONRPCNotification) async -> Void)?
        var progressToken: JSONValue?
    }

    private struct State {
        var child: ChildProcess?
        var generation = 0
        var pending: [Int: Pending] = [:]
        var nextID = 0
        var restarting: Task<ChildProcess, any Error>?
        var retryAt: ContinuousClock.Instant?
        var backoff: Duration
        var closed = false
        var description = ServerDescription(name: "stdio-upstream", version: "0")
        var version = ProtocolVersion.latestLegacy
        var described = false
    }

    private let state: Mutex<State>
    private var logger: Logger { configuration.logger }

    private init(configuration: StdioUpstreamConfiguration) {
        self.configuration = configuration
        self.state = Mutex(State(backoff: configuration.restartBackoff.initial))
    }

    /// Starts the child and completes its `initialize`; throws if it does not answer in time.
    public static func start(_ configuration: StdioUpstreamConfiguration) async throws -> StdioUpstream {
        let upstream = StdioUpstream(configuration: configuration)
        do {
            _ = try await upstream.launchAndAdopt()
        } catch {
            await upstream.shutdown()
            throw error
        }
        return upstream
    }

    /// The child's process id (for tests and logs), when one runs.
    public var childPID: Int32? { state.withLock { $0.child?.pid } }

    // MARK: MCPHandler

    /// Forwards one request to the child under an id of its own, and returns the child's answer.
    public func handle(_ request: JSONRPCRequest, context: MCPRequestContext) async throws -> JSONValue {
        switch request.method {
        case "initialize":
            var result: [String: JSONValue] = [
                "protocolVersion": .string(ProtocolVersion.negotiate(requested: request.params?["protocolVersion"]?.stringValue)),
                "capabilities": serverDescription.capabilities, "serverInfo": serverDescription.serverInfo,
            ]
            if let instructions = serverDescription.instructions { result["instructions"] = .string(instructions) }
            return .object(result)
        case "ping":
            return [:]
        default:
            let child = try await ensureChild()
            let reply = try await forward(request, to: child, context: context)
            if let error = reply["error"] {
                if let refusal = InsufficientScopeError(forwarded: error) { throw refusal }
                throw JSONRPCError(
                    code: error["code"]?.intValue ?? JSONRPCError.internalErrorCode,
                    message: error["message"]?.stringValue ?? "upstream error", data: error["data"])
            }
            return reply["result"] ?? [:]
        }
    }

    /// Ignored: the child's handshake is the proxy's own, and a cancellation follows the
    /// downstream request.
    public func handle(_ notification: JSONRPCNotification, context: MCPRequestContext) async {
        // Client notifications (initialized, cancelled by a downstream id) mean nothing to the
        // shared child: its handshake is ours, and cancellation follows the downstream request.
    }

    // MARK: Forwarding

    private func forward(_ request: JSONRPCRequest, to child: ChildProcess, context: MCPRequestContext) async throws -> JSONValue {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        var params = request.params?.objectValue ?? [:]
        var meta = params["_meta"]?.objectValue ?? [:]
        let downstreamToken = meta["progressToken"]
        if downstreamToken != nil { meta["progressToken"] = .string("p\(id)") }
        for key in meta.keys where key.hasPrefix("io.modelcontextprotocol/") { meta[key] = nil }  // the child speaks 2025
        // Our namespace is ours: a caller never writes it, whatever the flags say.
        for key in meta.keys where key.hasPrefix(StdioUpstreamConfiguration.reservedMetaPrefix) { meta[key] = nil }
        if configuration.forwardIdentity, let principal = context.principal {
            meta[StdioUpstreamConfiguration.callerMetaKey] = ForwardedIdentity.encode(principal)
        }
        if meta.isEmpty { params["_meta"] = nil } else { params["_meta"] = .object(meta) }
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(request.method)]
        if !params.isEmpty || request.params != nil { message["params"] = .object(params) }
        let bytes = JSONWriter.bytes(.object(message))
        let sink = context.canStream ? context.send : nil
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registered = state.withLock { state -> Bool in
                    guard !state.closed else { return false }
                    state.pending[id] = Pending(continuation: continuation, sink: sink, progressToken: downstreamToken)
                    return true
                }
                guard registered else {
                    continuation.resume(throwing: JSONRPCError.internalError("the proxy is shutting down"))
                    return
                }
                Task { await child.send(bytes) }
            }
        } onCancel: {
            let pending = state.withLock { $0.pending.removeValue(forKey: id) }
            guard let pending else { return }
            pending.continuation.resume(throwing: CancellationError())
            let cancel = JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": .int(id), "reason": "the downstream request was cancelled"])
            Task { await child.send(JSONWriter.bytes(cancel.json)) }
        }
    }

    /// Routes one stdout line of the child of `generation`.
    private func route(_ line: [UInt8], child: ChildProcess) async {
        guard let message = try? JSONParser.parse(line), case .object = message, message["jsonrpc"] == "2.0" else {
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                logger.warning("upstream stdout line is not JSON-RPC; skipped", metadata: ["line": .string(String(decoding: line.prefix(200), as: UTF8.self))])
            }
            return
        }
        let hasID = message["id"] != nil && message["id"] != .null
        if let method = message["method"]?.stringValue {
            if hasID {
                await answerServerRequest(method: method, id: message["id"]!, child: child)
            } else if method == "notifications/progress", let token = message["params"]?["progressToken"]?.stringValue,
                token.hasPrefix("p"), let id = Int(token.dropFirst())
            {
                let target = state.withLock { state in state.pending[id].map { ($0.sink, $0.progressToken) } }
                if let (sink, original) = target, let sink, let original {
                    var params = message["params"]?.objectValue ?? [:]
                    params["progressToken"] = original
                    await sink(JSONRPCNotification(method: method, params: .object(params)))
                }
            } else {
                logger.debug("upstream notification \(method) has no downstream recipient in a stateless proxy")
            }
            return
        }
        guard let id = message["id"]?.intValue else { return }
        let pending = state.withLock { $0.pending.removeValue(forKey: id) }
        pending?.continuation.resume(returning: message)
    }

    /// Server→client requests need a specific caller; a stateless proxy has none to ask.
    private func answerServerRequest(method: String, id: JSONValue, child: ChildProcess) async {
        let reply: JSONValue
        if method == "ping" {
            reply = ["jsonrpc": "2.0", "id": id, "result": [:]]
        } else {
            logger.warning("upstream asked the client for \(method); refused (no caller to ask behind a stateless proxy)")
            reply = [
                "jsonrpc": "2.0", "id": id,
                "error": ["code": .int(JSONRPCError.methodNotFoundCode), "message": .string("\(method) is not available through the stateless proxy: no client session to ask")],
            ]
        }
        await child.send(JSONWriter.bytes(reply))
    }

    // MARK: Lifecycle

    /// The running child, starting (or restarting) one when needed.
    private func ensureChild() async throws -> ChildProcess {
        enum Step {
            case ready(ChildProcess)
            case wait(Task<ChildProcess, any Error>)
            case tooSoon(Duration)
            case closed
        }
        let step = state.withLock { state -> Step in
            if state.closed { return .closed }
            if let child = state.child { return .ready(child) }
            if let restarting = state.restarting { return .wait(restarting) }
            if let retryAt = state.retryAt, retryAt > .now { return .tooSoon(retryAt - .now) }
            let task = Task { try await self.launchAndAdopt() }
            state.restarting = task
            return .wait(task)
        }
        switch step {
        case .ready(let child): return child
        case .wait(let task):
            do {
                return try await task.value
            } catch let error as StdioUpstreamError {
                throw JSONRPCError.internalError("the upstream server could not be started: \(error)")
            }
        case .closed: throw JSONRPCError.internalError("the proxy is shutting down")
        case .tooSoon(let remaining):
            throw JSONRPCError.internalError("the upstream server exited and is restarting; retry in \(remaining.components.seconds + 1) s")
        }
    }

    private func launchAndAdopt() async throws -> ChildProcess {
        do {
            let (child, _) = try await launch()
            state.withLock { state in
                state.child = child
                state.restarting = nil
                state.retryAt = nil
            }
            return child
        } catch {
            state.withLock { state in
                state.restarting = nil
                state.retryAt = .now + state.backoff
                state.backoff = min(state.backoff * 2, configuration.restartBackoff.maximum)
            }
            logger.error("upstream start failed: \(error)")
            throw error
        }
    }

    /// Spawns a child, routes its output, watches its exit, and completes the `initialize` handshake.
    private func launch() async throws -> (ChildProcess, JSONValue) {
        let child = try ChildProcess(configuration)
        let generation = state.withLock { state -> Int in
            state.generation += 1
            return state.generation
        }
        let handshakeID = -generation
        logger.info("upstream started", metadata: ["pid": "\(child.pid)", "command": .string(configuration.command.joined(separator: " "))])
        Task {
            for await line in child.lines { await self.route(line, child: child) }
        }
        Task {
            for await line in child.oversized { self.dropped(line) }
        }
        Task {
            let status = await child.waitForExit()
            await self.childExited(child, generation: generation, status: status)
        }
        let initialize: JSONValue = [
            "jsonrpc": "2.0", "id": .int(handshakeID), "method": "initialize",
            "params": ["protocolVersion": .string(ProtocolVersion.latestLegacy), "capabilities": [:], "clientInfo": ["name": "mcp-stateless-proxy", "version": .string(PackageVersion.current)]],
        ]
        let timeout = configuration.startupTimeout
        let reply: JSONValue
        do {
            reply = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                group.addTask {
                    try await withTaskCancellationHandler {
                        try await withCheckedThrowingContinuation { continuation in
                            let exited = self.state.withLock { state -> Bool in
                                guard child.isRunning else { return true }
                                state.pending[handshakeID] = Pending(continuation: continuation, sink: nil, progressToken: nil)
                                return false
                            }
                            if exited {
                                Task { continuation.resume(throwing: await self.exitedDuringStart(child)) }
                            } else {
                                Task { await child.send(JSONWriter.bytes(initialize)) }
                            }
                        }
                    } onCancel: {
                        // The timeout won: release the waiter so the task group can finish.
                        self.state.withLock { $0.pending.removeValue(forKey: handshakeID) }?.continuation.resume(throwing: CancellationError())
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw StdioUpstreamError.startFailed("no answer to initialize within \(timeout)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch {
            state.withLock { _ = $0.pending.removeValue(forKey: handshakeID) }
            await child.terminate(grace: .milliseconds(200))
            throw error
        }
        child.markStarted()
        guard let result = reply["result"] else {
            await child.terminate(grace: .milliseconds(200))
            throw StdioUpstreamError.startFailed("initialize failed: \(JSONWriter.string(reply["error"] ?? .null))")
        }
        await child.send(JSONWriter.bytes(["jsonrpc": "2.0", "method": "notifications/initialized"]))
        state.withLock { state in
            guard !state.described else { return }
            state.described = true
            let info = result["serverInfo"]
            state.description = ServerDescription(
                name: info?["name"]?.stringValue ?? "stdio-upstream", version: info?["version"]?.stringValue ?? "0",
                title: info?["title"]?.stringValue, instructions: result["instructions"]?.stringValue,
                capabilities: result["capabilities"] ?? [:])
            state.version = result["protocolVersion"]?.stringValue ?? ProtocolVersion.latestLegacy
        }
        return (child, result)
    }

    /// The start-up failure of a child that exited before answering `initialize`, with the
    /// last lines it wrote to stderr: it waits (boundedly) for the end of stderr first, since
    /// the exit can be learnt before the stderr reader has read the child's last words.
    private func exitedDuringStart(_ child: ChildProcess) async -> StdioUpstreamError {
        let status = child.exitStatus.map(\.description) ?? "unknown status"
        if !(await child.stderr.waitForEnd(within: configuration.startupStderrWait)) {
            logger.debug("upstream stderr still open after its exit (a descendant holds it); reporting the lines read so far")
        }
        let recent = child.stderr.recentLines
        let tail = recent.isEmpty ? "it wrote nothing to stderr" : "its last stderr lines:\n  " + recent.joined(separator: "\n  ")
        return .startFailed("it exited during start-up (\(status)); \(tail)")
    }

    /// A reply line over the limit was dropped: its caller learns it now, not at its deadline.
    private func dropped(_ line: DescriptorLineReader.OversizedLine) {
        let limit = configuration.maximumLineLength
        guard let id = OversizedReply.responseID(head: line.head, tail: line.tail),
            let pending = state.withLock({ $0.pending.removeValue(forKey: id) })
        else {
            logger.warning("upstream wrote a line of \(line.length) bytes, over the \(limit)-byte limit; dropped (no waiting request found in it)")
            return
        }
        logger.warning("upstream reply to request \(id) was \(line.length) bytes, over the \(limit)-byte limit; dropped")
        pending.continuation.resume(
            throwing: JSONRPCError.internalError("the upstream reply was \(line.length) bytes, over the proxy's \(limit)-byte limit, and was dropped"))
    }

    /// The child exited (learnt from the process, not its stdout): in-flight calls fail at
    /// once, its whole process group is ended, and a new child is started after the backoff.
    private func childExited(_ child: ChildProcess, generation: Int, status: ExitStatus) async {
        let handshake = state.withLock { $0.pending.removeValue(forKey: -generation) }
        if !child.hasStarted {
            // It died starting. Its report (written here, or by `launch` when the exit came before
            // the handshake was sent) waits for the end of its stderr, so that wait comes before
            // the group is ended below: ending it first cut a descendant's last words.
            let failure = await exitedDuringStart(child)
            handshake?.continuation.resume(throwing: failure)
        }
        let (current, orphans, closed, delay) = state.withLock { state -> (Bool, [Pending], Bool, Duration) in
            guard state.child === child else { return (false, [], state.closed, .zero) }
            state.child = nil
            let orphans = Array(state.pending.filter { $0.key > 0 }.values)
            state.pending = state.pending.filter { $0.key <= 0 }
            let delay = state.backoff
            state.retryAt = .now + delay
            state.backoff = min(state.backoff * 2, configuration.restartBackoff.maximum)
            return (true, orphans, state.closed, delay)
        }
        for pending in orphans {
            pending.continuation.resume(throwing: JSONRPCError.internalError("the upstream server exited (\(status)) before answering"))
        }
        // Descendants that inherited its pipes (a helper, a browser, `sh -c 'x & exec y'`) go with it.
        await child.terminate(grace: configuration.terminationGrace)
        guard current, !closed else { return }
        logger.error("upstream exited", metadata: ["status": "\(status)", "restart_in_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)"])
        Task {
            try? await Task.sleep(for: delay)
            _ = try? await self.ensureChild()
        }
    }

    /// Stops the child and its whole process group (SIGTERM, then SIGKILL after
    /// ``StdioUpstreamConfiguration/terminationGrace``) and refuses further requests.
    public func shutdown() async {
        let (child, pending) = state.withLock { state -> (ChildProcess?, [Pending]) in
            state.closed = true
            defer {
                state.child = nil
                state.pending.removeAll()
            }
            return (state.child, Array(state.pending.values))
        }
        for waiter in pending { waiter.continuation.resume(throwing: JSONRPCError.internalError("the proxy is shutting down")) }
        await child?.terminate(grace: configuration.terminationGrace)
    }
}
