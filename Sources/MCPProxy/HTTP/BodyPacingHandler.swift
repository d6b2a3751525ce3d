import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Bounds the work a request body can cause, on every route of the listener it is installed on.
///
/// **Pacing** (when ``Pacing`` is given): a body that arrives too slowly — no byte for
/// `idleTimeout`, or fewer than `minimumRate` bytes per second on average once `grace` has
/// passed — is cut with 408 and `Connection: close` (or, if its reply has already started,
/// just the close). The timer is armed only when a request's body is still incomplete at the
/// end of a read, so ordinary requests (head, body and end in one read) cost nothing.
///
/// **Unfinished bodies** (always): when the reply's end is written while the request body is
/// still arriving — a refusal that did not read it, a 404, a health reply, a preflight —
/// Hummingbird would read and discard the rest of the body until its end, however long that
/// is. This handler lets at most ``lingerBytes`` more arrive, for at most ``lingerTime``, and
/// then closes the connection (a lingering close: the client can still read its reply). A body
/// that ends within the bound leaves the connection usable.
///
/// Only request bodies are watched: response streams (SSE replies, `subscriptions/listen`,
/// GET streams) are never cut. Every counter saturates instead of trapping. Time is read from
/// the event loop (tests move it with `EmbeddedEventLoop.advanceTime`), or from the clock
/// given to ``init(pacing:lingerBytes:lingerTime:clock:)`` — how a test holds a real server's
/// pacing still while it is loaded.
final class BodyPacingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How slow a body may arrive.
    struct Pacing {
        /// The longest gap between two body reads.
        var idleTimeout: TimeAmount
        /// The lowest average rate in bytes per second once `grace` has passed; 0 turns it off.
        var minimumRate: Int
        /// How long a body may arrive below `minimumRate` before it is judged.
        var grace: TimeAmount
    }

    /// Body bytes read and discarded after the reply ended, before the connection is closed.
    static let lingerBytes = 1 << 20
    /// How long the rest of a body may take to arrive after the reply ended.
    static let lingerTime = TimeAmount.seconds(2)

    private let pacing: Pacing?
    private let lingerBytes: Int
    private let lingerTime: TimeAmount
    private var inBody = false
    private var replyStarted = false
    private var started = NIODeadline.uptimeNanoseconds(0)
    private var lastByte = NIODeadline.uptimeNanoseconds(0)
    private var received = 0
    private var timer: Scheduled<Void>?
    /// Set while the reply has ended and the request body has not.
    private var linger: Linger?
    /// Set once the connection is to be closed: later reads are dropped.
    private var closing = false
    /// Where pacing reads the time; `nil` reads the event loop's.
    private let clock: (@Sendable () -> NIODeadline)?

    /// The state of a lingering close.
    private struct Linger {
        var discarded = 0
        var replyWritten = false
        var closeOnceWritten = false
        var timer: Scheduled<Void>?
    }

    init(
        pacing: Pacing?, lingerBytes: Int = BodyPacingHandler.lingerBytes, lingerTime: TimeAmount = BodyPacingHandler.lingerTime,
        clock: (@Sendable () -> NIODeadline)? = nil
    ) {
        self.pacing = pacing
        self.lingerBytes = lingerBytes
        self.lingerTime = lingerTime
        self.clock = clock
    }

    /// The time pacing judges by.
    private func now(_ context: ChannelHandlerContext) -> NIODeadline {
        clock?() ?? context.eventLoop.now
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        switch unwrapInboundIn(data) {
        case .head:
            inBody = true
            replyStarted = false
            received = 0
            started = now(context)
            lastByte = started
        case .body(let buffer):
            received = Self.adding(received, buffer.readableBytes)
            lastByte = now(context)
            if linger != nil {
                linger!.discarded = Self.adding(linger!.discarded, buffer.readableBytes)
                if linger!.discarded > lingerBytes { return giveUp(context) }
            }
        case .end:
            inBody = false
            timer?.cancel()
            timer = nil
            linger?.timer?.cancel()
            linger = nil  // the body ended within the bound: the connection carries on
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let pacing, inBody, timer == nil, !closing { schedule(context, in: min(pacing.idleTimeout, .seconds(1))) }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head:
            replyStarted = true
        case .end where inBody && linger == nil && !closing:
            startLingering(context)
            let written = context.eventLoop.makePromise(of: Void.self)
            if let promise { written.futureResult.cascade(to: promise) }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in
                let (handler, context) = bound.value
                handler.replyWritten(context)
            }
            context.write(data, promise: written)
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    /// Once the connection is to be closed, the socket is no longer read: the client's bytes
    /// wait in its own buffers instead of being read and dropped here.
    func read(context: ChannelHandlerContext) {
        if closing { return }
        context.read()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        linger?.timer?.cancel()
        linger = nil
    }

    // MARK: Unfinished bodies

    private func startLingering(_ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        var state = Linger()
        state.timer = context.eventLoop.scheduleTask(in: lingerTime) {
            let (handler, context) = bound.value
            handler.linger?.timer = nil
            handler.close(context)
        }
        linger = state
    }

    private func replyWritten(_ context: ChannelHandlerContext) {
        guard linger != nil else { return }
        linger!.replyWritten = true
        if linger!.closeOnceWritten { close(context) }
    }

    /// Too much of an unfinished body: stop reading, and close once the reply is out (the
    /// linger timer still bounds a reply the client never reads).
    private func giveUp(_ context: ChannelHandlerContext) {
        closing = true
        inBody = false
        timer?.cancel()
        timer = nil
        if linger?.replyWritten ?? true {
            close(context)
        } else {
            linger!.closeOnceWritten = true
        }
    }

    private func close(_ context: ChannelHandlerContext) {
        closing = true
        linger?.timer?.cancel()
        linger = nil
        if context.channel.isActive { context.close(promise: nil) }
    }

    // MARK: Pacing

    private func schedule(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = bound.value
            handler.check(context)
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        timer = nil
        guard let pacing, inBody, !closing, context.channel.isActive else { return }
        let time = now(context)
        if time - lastByte >= pacing.idleTimeout {
            return cut(context, "Request Timeout: no body bytes for \(pacing.idleTimeout.nanoseconds / 1_000_000_000) s")
        }
        if Self.tooSlow(received: received, elapsed: time - started, pacing: pacing) {
            return cut(context, "Request Timeout: the body arrives slower than \(pacing.minimumRate) bytes/s")
        }
        schedule(context, in: min(pacing.idleTimeout, .seconds(1)))
    }

    /// Whether `received` bytes in `elapsed` fall below the minimum rate, once the grace
    /// period has passed. Computed in floating point: no count or duration can overflow it.
    static func tooSlow(received: Int, elapsed: TimeAmount, pacing: Pacing) -> Bool {
        guard pacing.minimumRate > 0, elapsed >= pacing.grace else { return false }
        let seconds = Double(max(elapsed.nanoseconds, 1)) / 1_000_000_000
        return Double(received) / seconds < Double(pacing.minimumRate)
    }

    /// `a + b`, held at `Int.max` instead of trapping.
    static func adding(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    private func cut(_ context: ChannelHandlerContext, _ message: String) {
        inBody = false
        closing = true
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
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
