/// One message on a ``ChangeBus``: a topic and a JSON payload, small enough for any transport
/// (a database row, a `NOTIFY`, a broker message).
///
/// MCPProxy publishes three topics: ``changeTopic`` (list changes and resource updates, for
/// `subscriptions/listen` and 2025 GET streams), ``sessionEndedTopic`` (a 2025 session ended on
/// some replica; the others drop it from their caches) and ``sessionEventTopic`` (an event was
/// stored for a session's GET stream; the replica holding the stream sends it). A bus carries
/// any topic.
public struct BusMessage: Sendable, Hashable {
    /// What the message is about; receivers ignore topics they do not know.
    public var topic: String
    /// The message itself.
    public var payload: JSONValue

    /// A message on `topic`.
    public init(topic: String, payload: JSONValue) {
        self.topic = topic
        self.payload = payload
    }

    /// A list change or resource update (``ChangeNotifier/Change``).
    public static let changeTopic = "mcp.change"
    /// A 2025-era session ended; the payload names its key (the SHA-256 of its id, never the id).
    public static let sessionEndedTopic = "mcp.session.ended"
    /// An event was stored for a 2025-era session's GET stream; the payload names the stream's
    /// key (the SHA-256 of the session id) and the event's id, never its content.
    public static let sessionEventTopic = "mcp.session.event"
}
