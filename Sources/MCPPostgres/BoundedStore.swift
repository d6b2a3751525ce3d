import Logging
import PostgresNIO

/// A store on the shared pool whose every operation has a deadline (``Deadline``): a database
/// that does not answer gives the caller an error — a 503 for a request — never a hang.
protocol BoundedStore: Sendable {
    var client: PostgresClient { get }
    var ready: ReadinessGate { get }
    var logger: Logger { get }
    /// The longest one operation may take.
    static var operationLimit: Duration { get }
}

extension BoundedStore {
    /// Runs `work` once the shared state is ready, within ``operationLimit``.
    func bounded<Value: Sendable>(
        _ operation: String, _ work: @escaping @Sendable (PostgresClient, Logger) async throws -> Value
    ) async throws -> Value {
        let client = self.client
        let logger = self.logger
        let ready = self.ready
        return try await Deadline.run(operation, within: Self.operationLimit) {
            try await ready.wait()
            return try await work(client, logger)
        }
    }
}
