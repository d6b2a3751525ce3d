import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

@testable import MCPProxy

/// One fuzz input is a program for a connection: each step feeds request bytes, moves the
/// event loop's clock (by any amount, to the edge of its range), or has the "server" reply
/// (with the request body unfinished or not). The pipeline is the real one: NIO's HTTP/1
/// decoder and encoder, the HTTPTypes codec, `HeaderTimeoutHandler` and `BodyPacingHandler`
/// (with small limits, so inputs reach them). A trap anywhere is a finding; so is a body
/// guard that lets more than its bound through after a reply, or a reply-less connection
/// whose body keeps flowing past the pacing rules.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: start, count: count)
    run(Program(input))
    return 0
}

/// Reads steps from the input.
struct Program {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var done: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ n: Int) -> ArraySlice<UInt8> {
        let end = min(bytes.count, offset + n)
        defer { offset = end }
        return ArraySlice(bytes[offset..<end])
    }

    mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int64(bitPattern: value)
    }
}

/// The application end: counts what reaches it, and replies when told.
final class Sink: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    var inBody = false
    var replied = false
    var afterReply = 0
    var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }  // no cycle with the pipeline

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            inBody = true
            replied = false
            afterReply = 0
        case .body(let buffer):
            if replied { afterReply += buffer.readableBytes }
        case .end:
            inBody = false
        }
    }

    func reply(closing: Bool) {
        guard let context, context.channel.isActive else { return }
        var fields = HTTPFields()
        fields[.contentLength] = "0"
        if closing { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .unauthorized, headerFields: fields))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        replied = true
    }
}

let lingerBytes = 512
let largestRead = 8192

func run(_ program: consuming Program) {
    var program = program
    let loop = EmbeddedEventLoop()
    let channel = EmbeddedChannel(loop: loop)
    let sink = Sink()
    let pacing = BodyPacingHandler.Pacing(idleTimeout: .milliseconds(Int64(program.byte()) * 10 + 1), minimumRate: Int(program.byte()), grace: .milliseconds(100))
    do {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
        try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try channel.pipeline.syncOperations.addHandler(HeaderTimeoutHandler(timeout: .milliseconds(500)))
        try channel.pipeline.syncOperations.addHandler(BodyPacingHandler(pacing: program.byte() & 1 == 0 ? pacing : nil, lingerBytes: lingerBytes, lingerTime: .milliseconds(300)))
        try channel.pipeline.syncOperations.addHandler(sink)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    } catch {
        fatalError("pipeline set-up failed: \(error)")
    }
    while !program.done, channel.isActive {
        let op = program.byte()
        switch op {
        case 0..<160:
            let n = min(largestRead, Int(op % 64 + 1) * (op >= 128 ? 128 : 1))
            let chunk = program.take(n)
            do { try channel.writeInbound(ByteBuffer(bytes: chunk)) } catch { break }
        case 160..<200:
            // Any step forward, up to the end of the clock's range (deadlines saturate).
            let amount = program.int64() & Int64.max
            loop.advanceTime(by: .nanoseconds(op < 190 ? amount % 5_000_000_000 : amount))
        case 200..<230:
            sink.reply(closing: op & 1 == 1)
        default:
            while (try? channel.readOutbound(as: ByteBuffer.self)) ?? nil != nil {}
        }
        // The body guard's promise: after a reply, at most its bound (plus the read that
        // crossed it, which it drops) reaches the application.
        if sink.afterReply > lingerBytes + largestRead {
            fatalError("\(sink.afterReply) body bytes reached the application after the reply (bound \(lingerBytes))")
        }
    }
    _ = try? channel.finish()
}
