import Foundation
import Logging
import MCP
import MCPProxy

/// An `MCP.Transport` that carries exactly one request in and its reply out;
/// notifications the server sends meanwhile go to the request's stream.
actor OneShotTransport: MCP.Transport {
    nonisolated let logger = Logger(label: "mcp-proxy.swift-sdk-adapter")
    private let incoming: AsyncThrowingStream<Data, any Swift.Error>
    private let incomingContinuation: AsyncThrowingStream<Data, any Swift.Error>.Continuation
    private let id: JSONRPCID
    private let sink: (@Sendable (JSONRPCNotification) async -> Void)?
    private var result: Result<JSONValue, any Swift.Error>?
    private var waiter: CheckedContinuation<JSONValue, any Swift.Error>?

    init(request: Data, id: JSONRPCID, sink: (@Sendable (JSONRPCNotification) async -> Void)?) {
        (incoming, incomingContinuation) = AsyncThrowingStream<Data, any Swift.Error>.makeStream()
        incomingContinuation.yield(request)
        self.id = id
        self.sink = sink
    }

    func connect() async throws {}

    func disconnect() async {
        incomingContinuation.finish()
        deliver(.failure(CancellationError()))
    }

    func send(_ data: Data) async throws {
        guard let message = try? JSONParser.parse(Array(data)) else { return }
        if message["method"] != nil, message["id"] == nil {
            if let method = message["method"]?.stringValue, let sink {
                await sink(JSONRPCNotification(method: method, params: message["params"]))
            }
            return
        }
        if message["id"].flatMap(JSONRPCID.init) == id {
            deliver(.success(message))
        }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Swift.Error> { incoming }

    /// The reply to the request; throws `CancellationError` when cancelled.
    func reply() async throws -> JSONValue {
        if let result { return try result.get() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let result {
                    continuation.resume(with: result)
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.deliver(.failure(CancellationError())) }
        }
    }

    private func deliver(_ outcome: Result<JSONValue, any Swift.Error>) {
        guard result == nil else { return }
        result = outcome
        waiter?.resume(with: outcome)
        waiter = nil
    }
}
