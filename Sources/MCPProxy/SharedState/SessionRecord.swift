import Foundation

/// What every replica needs to serve a 2025-era stateful session.
///
/// A record is keyed by ``key``, the SHA-256 of the session id in lowercase hex, never by the
/// id itself: whoever can read a store's records cannot use them to take over a session.
public struct SessionRecord: Sendable, Hashable {
    /// The SHA-256 of the `Mcp-Session-Id`, lowercase hex.
    public var key: String
    /// The subject that opened the session (nil when the server runs without authentication).
    public var subject: String?
    /// The protocol version negotiated at `initialize`.
    public var protocolVersion: String
    /// When the session was created.
    public var created: Date
    /// When the session was last used (stores may write it at a coarser step).
    public var lastSeen: Date
    /// `clientInfo` from the client's `initialize`, when it sent one.
    public var clientInfo: JSONValue?
    /// `capabilities` from the client's `initialize`, when it sent them.
    public var clientCapabilities: JSONValue?

    /// A record; `lastSeen` starts at `created`.
    public init(
        key: String, subject: String?, protocolVersion: String, created: Date, lastSeen: Date? = nil,
        clientInfo: JSONValue? = nil, clientCapabilities: JSONValue? = nil
    ) {
        self.key = key
        self.subject = subject
        self.protocolVersion = protocolVersion
        self.created = created
        self.lastSeen = lastSeen ?? created
        self.clientInfo = clientInfo
        self.clientCapabilities = clientCapabilities
    }
}
