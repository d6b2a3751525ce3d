import HTTPTypes
import Hummingbird
import NIOCore

extension MCPEndpoint {
    /// GET (stateful): the server→client SSE stream of a session, resumable with `Last-Event-ID`.
    func openStream(_ request: Request, _ context: ConnectionFacts, principal: Principal?) async -> Response {
        guard MediaTypes.acceptsEventStream(request.headers.value(.accept)) else {
            return Refusal.transport(.notAcceptable, "Not Acceptable: Accept must include text/event-stream").response
        }
        let session: Session
        switch await resolveSession(request, principal: principal, id: nil) {
        case .success(let found): session = found
        case .failure(let refusal): return refusal.response
        }
        let lastEventID = request.headers.value(.lastEventID).flatMap { Int($0.trimmingWhitespace()) }
        let replay: [StoredEvent]
        let live: AsyncStream<StoredEvent>
        let token: Int
        do {
            (replay, live, token) = try await session.openStream(lastEventID: lastEventID)
        } catch {
            return storeUnavailable(error, id: nil).response
        }
        let keepAlive = configuration.keepAliveInterval
        var headers = ResponseFactory.sseHeaders
        headers[.mcpSessionID] = session.id
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { session.streamClosed(token: token) }
                try await writer.write(ByteBuffer(string: ": stream open\n\n"))
                for event in replay {
                    try await writer.write(ResponseFactory.sseEvent(event.payload, id: event.id))
                }
                // The live stream opened before the replay was read: skip what the replay sent.
                let replayed = replay.last?.id ?? Int.min
                let merged = Self.withKeepAlive(live, every: keepAlive)
                for await item in merged {
                    switch item {
                    case .event(let event) where event.id <= replayed: continue
                    case .event(let event): try await writer.write(ResponseFactory.sseEvent(event.payload, id: event.id))
                    case .keepAlive: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                }
                try await writer.finish(nil)
            })
    }

    enum StreamItem<Element: Sendable>: Sendable {
        case event(Element)
        case keepAlive
    }

    /// Live events interleaved with keep-alive ticks; ends when the live stream ends
    /// (session ended or replaced, listener closed) or the consumer goes away.
    static func withKeepAlive<Element: Sendable>(_ live: AsyncStream<Element>, every interval: Duration) -> AsyncStream<StreamItem<Element>> {
        let (merged, continuation) = AsyncStream<StreamItem<Element>>.makeStream()
        let forwarder = Task {
            for await event in live { continuation.yield(.event(event)) }
            continuation.finish()
        }
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                continuation.yield(.keepAlive)
            }
        }
        continuation.onTermination = { _ in
            forwarder.cancel()
            ticker.cancel()
        }
        return merged
    }

    /// DELETE (stateful): ends the session.
    func endSession(_ request: Request, _ context: ConnectionFacts, principal: Principal?) async -> Response {
        switch await resolveSession(request, principal: principal, id: nil) {
        case .success(let session):
            do {
                try await sessions.remove(session.id)
            } catch {
                return storeUnavailable(error, id: nil).response
            }
            return ResponseFactory.empty(.noContent)
        case .failure(let refusal):
            return await refuseInSlot(request, context, refusal)
        }
    }
}
