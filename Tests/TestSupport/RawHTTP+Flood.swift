import NIOCore
import NIOPosix
import Synchronization

extension RawHTTP {
    /// What a client that never stops sending saw.
    package struct FloodOutcome: Sendable {
        /// Everything the server sent before it closed.
        package var text: String
        /// Whether the server closed the connection before `maxBytes` were sent or `limit` passed.
        package var closed: Bool
        /// Body bytes the client's socket took before the close (each write is waited for until
        /// it reached the kernel, so nothing is counted that sat in a user-space buffer).
        package var sent: Int
    }

    /// Writes `head`, then body bytes as fast as the connection takes them — as chunks of a
    /// chunked body when `chunked`, raw otherwise (for a declared `Content-Length`) — while
    /// reading the reply, until the server closes, `maxBytes` were sent, or `limit` passed.
    /// Bounded on both counts, so a server that never closes makes the test fail, not hang.
    package static func flood(
        port: Int, head: String, chunked: Bool, maxBytes: Int = 512 << 20, limit: Duration = .seconds(30)
    ) async throws -> FloodOutcome {
        let reply = ReplyCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(reply) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let piece = 64 * 1024
        let payload = ByteBuffer(repeating: UInt8(ascii: "x"), count: piece)
        var frame = ByteBuffer(string: String(piece, radix: 16) + "\r\n")
        frame.writeImmutableBuffer(payload)
        frame.writeString("\r\n")
        let unit = chunked ? frame : payload
        let started = ContinuousClock.now
        var sent = 0
        do {
            try await channel.writeAndFlush(ByteBuffer(string: head)).get()
            while sent < maxBytes, ContinuousClock.now - started < limit {
                try await channel.writeAndFlush(unit).get()
                sent += piece
            }
        } catch {
            // The server closed (a reset or a broken pipe): what it sent is in the collector.
        }
        let closed = await reply.closed(within: limit - (ContinuousClock.now - started))
        if !closed { try? await channel.close() }
        return FloodOutcome(text: reply.text, closed: closed && sent < maxBytes, sent: sent)
    }
}

/// Collects what the server sends and notices its close.
private final class ReplyCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let state = Mutex<(text: String, closed: Bool, gaveUp: Bool, waiter: CheckedContinuation<Bool, Never>?)>(("", false, false, nil))

    var text: String { state.withLock { $0.text } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        state.withLock { $0.text += String(buffer: buffer) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let waiter = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: true)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)  // a reset: the channel goes inactive
    }

    /// Whether the connection is closed, waiting at most `limit` for it.
    func closed(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let now = self.state.withLock { state -> Bool? in
                        if state.closed { return true }
                        if state.gaveUp { return false }
                        state.waiter = continuation
                        return nil
                    }
                    if let now { continuation.resume(returning: now) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: max(limit, .zero))
                return false
            }
            let first = await group.next() ?? false
            if !first {
                // Release a waiter still parked, so the group can end.
                let waiter = state.withLock { state in
                    state.gaveUp = true
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume(returning: false)
            }
            group.cancelAll()
            return first
        }
    }
}
