import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import MCPProxy

/// The body guard on a channel whose clock the test moves: a body the reply left unfinished
/// is bounded in bytes and in time, a body that ends within the bound keeps the connection,
/// pacing cuts a stalled body, and no counter or duration traps near its limit.
struct BodyPacingHandlerTests {
    static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/mcp"))
    static let reply = HTTPResponse(status: .unauthorized, headerFields: [.contentLength: "0"])

    static func bytes(_ count: Int) -> HTTPRequestPart { .body(ByteBuffer(repeating: 0x20, count: count)) }

    /// A connected channel with the handler and an unfinished request body whose reply has ended.
    static func repliedEarly(_ handler: BodyPacingHandler) throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: handler, loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(head)
        try channel.writeInbound(bytes(10))
        try channel.writeOutbound(HTTPResponsePart.head(reply))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        return (channel, loop)
    }

    @Test func moreThanTheLingerBytesAfterTheReplyCloseTheConnection() throws {
        let (channel, _) = try Self.repliedEarly(BodyPacingHandler(pacing: nil, lingerBytes: 100, lingerTime: .seconds(2)))
        try channel.writeInbound(Self.bytes(100))
        #expect(channel.isActive)
        try channel.writeInbound(Self.bytes(1))
        #expect(!channel.isActive)
        // The reply went out before the close; the bytes over the bound were not passed on.
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .head(Self.reply))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.head)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.bytes(10))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.bytes(100))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
    }

    @Test func aBodyStillArrivingAfterTheLingerTimeIsClosed() throws {
        let (channel, loop) = try Self.repliedEarly(BodyPacingHandler(pacing: nil, lingerBytes: 1 << 20, lingerTime: .seconds(2)))
        loop.advanceTime(by: .milliseconds(1999))
        try channel.writeInbound(Self.bytes(10))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
    }

    @Test func aBodyThatEndsWithinTheBoundKeepsTheConnection() throws {
        let (channel, loop) = try Self.repliedEarly(BodyPacingHandler(pacing: nil))
        try channel.writeInbound(Self.bytes(1000))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        // The next request on the connection is not bounded by the last one's linger.
        try channel.writeInbound(Self.head)
        try channel.writeInbound(Self.bytes(5 << 20))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func aReplyAfterTheWholeBodyLingersOnNothing() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: BodyPacingHandler(pacing: nil, lingerBytes: 10), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.head)
        try channel.writeInbound(Self.bytes(50))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.head(Self.reply))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        try channel.writeInbound(Self.head)
        try channel.writeInbound(Self.bytes(50))
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func aStalledBodyIsCutWith408OnTheMovedClock() throws {
        let loop = EmbeddedEventLoop()
        let pacing = BodyPacingHandler.Pacing(idleTimeout: .seconds(5), minimumRate: 0, grace: .seconds(10))
        let channel = EmbeddedChannel(handler: BodyPacingHandler(pacing: pacing), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.head)
        try channel.writeInbound(Self.bytes(10))
        loop.advanceTime(by: .seconds(4))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        loop.advanceTime(by: .seconds(1))
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no 408")
            return
        }
        #expect(response.status == .requestTimeout)
        #expect(response.headerFields[.connection] == "close")
        #expect(!channel.isActive)
    }

    @Test func aBodyBelowTheMinimumRateIsCutAfterTheGrace() throws {
        let loop = EmbeddedEventLoop()
        let pacing = BodyPacingHandler.Pacing(idleTimeout: .hours(1), minimumRate: 100, grace: .seconds(3))
        let channel = EmbeddedChannel(handler: BodyPacingHandler(pacing: pacing), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.head)
        for _ in 0..<2 {
            try channel.writeInbound(Self.bytes(50))  // 50 bytes a second: half the minimum
            loop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        try channel.writeInbound(Self.bytes(50))
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func countersAndDurationsSaturateInsteadOfTrapping() {
        #expect(BodyPacingHandler.adding(.max - 1, 10) == .max)
        #expect(BodyPacingHandler.adding(.max, .max) == .max)
        #expect(BodyPacingHandler.adding(1, 2) == 3)
        let pacing = BodyPacingHandler.Pacing(idleTimeout: .seconds(5), minimumRate: 1000, grace: .seconds(1))
        // The product that used to overflow: 8.6 GiB received.
        #expect(!BodyPacingHandler.tooSlow(received: .max, elapsed: .seconds(9), pacing: pacing))
        #expect(!BodyPacingHandler.tooSlow(received: 9_300_000_000, elapsed: .nanoseconds(1), pacing: pacing))
        #expect(BodyPacingHandler.tooSlow(received: 0, elapsed: .nanoseconds(.max), pacing: pacing))
        #expect(BodyPacingHandler.tooSlow(received: 999, elapsed: .seconds(1), pacing: pacing))
        #expect(!BodyPacingHandler.tooSlow(received: 1000, elapsed: .seconds(1), pacing: pacing))
        #expect(Duration.seconds(Int64.max).saturatingNanoseconds == .max)
        #expect(Duration.seconds(Int64.min).saturatingNanoseconds == .min)
        #expect(Duration.seconds(9_223_372_036).saturatingNanoseconds == 9_223_372_036_000_000_000)
        #expect(Duration.seconds(9_223_372_037).saturatingNanoseconds == .max)
        #expect(Duration.milliseconds(1500).saturatingNanoseconds == 1_500_000_000)
    }
}
