import NIOCore

extension MCPProxyConfiguration {
    /// The connection defences MCPProxy's own listener installs, new for each connection:
    /// the header timeout (``headerTimeout``) and the body pacing (``bodyIdleTimeout``,
    /// ``minBodyRate`` after ``minBodyRateGrace``), each answering 408 and closing, and the
    /// bound on a request body the reply left unfinished (at most 1 MiB or 2 s more is read
    /// and discarded, then the connection is closed), which protects every route.
    ///
    /// An endpoint mounted in a host application runs on the host's server, so these are
    /// the host's to install — for all of its routes:
    ///
    /// ```swift
    /// Application(router: router, server: .http1(configuration: .init(
    ///     additionalChannelHandlers: mcpConfiguration.connectionHandlers(), idleTimeout: .seconds(120))))
    /// ```
    public func connectionHandlers() -> [any RemovableChannelHandler] {
        var handlers: [any RemovableChannelHandler] = []
        if let headerTimeout {
            handlers.append(HeaderTimeoutHandler(timeout: .nanoseconds(headerTimeout.saturatingNanoseconds)))
        }
        let bodyIdle = bodyIdleTimeout.map { TimeAmount.nanoseconds($0.saturatingNanoseconds) }
        let pacing =
            bodyIdle != nil || minBodyRate > 0
            ? BodyPacingHandler.Pacing(
                idleTimeout: bodyIdle ?? .hours(24), minimumRate: minBodyRate,
                grace: .nanoseconds(minBodyRateGrace.saturatingNanoseconds))
            : nil
        // Always installed: besides pacing, it bounds a body left unfinished by the reply.
        handlers.append(BodyPacingHandler(pacing: pacing, clock: bodyPacingClock))
        return handlers
    }
}
