import NIOCore
import NIOPosix

/// A raw TCP exchange, for what an HTTP client library hides (connection close,
/// slow or oversized uploads).
package enum RawHTTP {
    package struct Outcome {
        package var text: String
        /// Whether the server closed the connection.
        package var closed: Bool
    }

    /// Writes `request` and reads until the server closes or `expectBytes` arrived;
    /// gives up (and reports `closed: false`) after `limit`.
    package static func exchange(port: Int, _ request: String, limit: Duration = .seconds(30)) async throws -> Outcome {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    if !request.isEmpty {
                        do {
                            try await outbound.write(ByteBuffer(string: request))
                        } catch {
                            return Outcome(text: "", closed: true)  // the server closed first
                        }
                    }
                    var text = ""
                    do {
                        for try await part in inbound { text += String(buffer: part) }
                    } catch {
                        return Outcome(text: text, closed: true)
                    }
                    return Outcome(text: text, closed: true)
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            if let first { return first }
            channel.channel.close(promise: nil)
            return Outcome(text: "", closed: false)
        }
    }
}
