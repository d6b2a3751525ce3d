import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import MCPProxy

/// The slow-loris defence on a channel whose clock the test moves: it closes a connection
/// whose first head is late, and leaves the pipeline once a head has arrived.
struct HeaderTimeoutHandlerTests {
    @Test func aConnectionWithoutAHeadInTimeIsClosed() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(HeaderTimeoutHandler(timeout: .milliseconds(500)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        loop.advanceTime(by: .milliseconds(499))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
    }

    @Test func theFirstHeadCancelsTheTimerPassesOnAndRemovesTheHandler() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(HeaderTimeoutHandler(timeout: .milliseconds(500)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let head = HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/mcp")
        try channel.writeInbound(HTTPRequestPart.head(head))
        try channel.writeInbound(HTTPRequestPart.end(nil))

        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .head(head))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(throws: ChannelPipelineError.notFound) {
            try channel.pipeline.syncOperations.handler(type: HeaderTimeoutHandler.self)
        }
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
