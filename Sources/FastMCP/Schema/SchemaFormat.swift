/// A JSON Schema `format`: what kind of string a property holds.
///
/// FastMCP checks the formats named here before a tool runs (`date-time`, `date`, `time`,
/// `email`, `uri`, `uuid`, `ipv4`, `ipv6`, `hostname`); any other name is passed on to clients
/// as an annotation and constrains nothing.
public struct SchemaFormat: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The format's name as JSON Schema spells it.
    public var rawValue: String

    /// A format by its JSON Schema name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A format by its JSON Schema name, written as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// An RFC 3339 date and time with an offset, `2026-07-28T12:00:00Z`.
    public static let dateTime = SchemaFormat(rawValue: "date-time")
    /// An RFC 3339 full date, `2026-07-28`.
    public static let date = SchemaFormat(rawValue: "date")
    /// An RFC 3339 time with an offset, `12:00:00+02:00`.
    public static let time = SchemaFormat(rawValue: "time")
    /// An e-mail address (something on both sides of one `@`).
    public static let email = SchemaFormat(rawValue: "email")
    /// An absolute URI with a scheme, `https://example.com/a`.
    public static let uri = SchemaFormat(rawValue: "uri")
    /// A UUID in its 36-character form.
    public static let uuid = SchemaFormat(rawValue: "uuid")
    /// An IPv4 address in dotted decimal, without leading zeros.
    public static let ipv4 = SchemaFormat(rawValue: "ipv4")
    /// An IPv6 address.
    public static let ipv6 = SchemaFormat(rawValue: "ipv6")
    /// An RFC 1123 host name.
    public static let hostname = SchemaFormat(rawValue: "hostname")
}
