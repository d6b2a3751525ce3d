import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Cuts request bodies that arrive too slowly: no byte for `idleTimeout`, or fewer than
/// `minimumRate` bytes per second on average once `grace` has passed. The client gets
/// 408 with `Connection: close` (or, if its reply has already started, just the close).
///
/// Only request bodies are paced: response streams (SSE replies, `subscriptions/listen`,
/// GET streams) are never cut. The timer is armed only when a request's body is still
/// incomplete at the end of a read, so ordinary requests (head, body and end in one read)
/// cost nothing.
final class BodyPacingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let idleTimeout: TimeAmount
    private let minimumRate: Int
    private let grace: TimeAmount
    private var inBody = false
    private var replyStarted = false
    private var started = NIODeadline.now()
    private var lastByte = NIODeadline.now()
    private var received = 0
    private var timer: Scheduled<Void>?

    init(idleTimeout: TimeAmount, minimumRate: Int, grace: TimeAmount) {
        self.idleTimeout = idleTimeout
        self.minimumRate = minimumRate
        self.grace = grace
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            inBody = true
            replyStarted = false
            received = 0
            started = .now()
            lastByte = started
        case .body(let buffer):
            received += buffer.readableBytes
            lastByte = .now()
        case .end:
            inBody = false
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if inBody, timer == nil { schedule(context, in: min(idleTimeout, .seconds(1))) }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head = unwrapOutboundIn(data) { replyStarted = true }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    private func schedule(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) { [self] in
            self.check(loopBound.value)
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        timer = nil
        guard inBody, context.channel.isActive else { return }
        let now = NIODeadline.now()
        let elapsed = now - started
        if now - lastByte >= idleTimeout {
            return cut(context, "Request Timeout: no body bytes for \(idleTimeout.nanoseconds / 1_000_000_000) s")
        }
        if elapsed >= grace, minimumRate > 0 {
            let rate = Int64(received) * 1_000_000_000 / max(elapsed.nanoseconds, 1)
            if rate < Int64(minimumRate) {
                return cut(context, "Request Timeout: the body arrives slower than \(minimumRate) bytes/s")
            }
        }
        schedule(context, in: min(idleTimeout, .seconds(1)))
    }

    private func cut(_ context: ChannelHandlerContext, _ message: String) {
        inBody = false
        guard !replyStarted else {
            context.close(promise: nil)
            return
        }
        replyStarted = true
        let body = ByteBuffer(bytes: JSONWriter.bytes(JSONRPCEncoding.error(id: nil, JSONRPCError(code: JSONRPCError.serverErrorCode, message: message))))
        var fields = HTTPFields()
        fields[.contentType] = ResponseFactory.jsonContentType
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .requestTimeout, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
