/// The verified caller as `mcp-stateless-proxy --forward-identity` hands it to a stdio
/// child: `params._meta["mcp-stateless/caller"] = {"subject", "scopes", "claims"}`.
///
/// Only a child of the proxy may trust it (the proxy strips whatever callers send under
/// `mcp-stateless/`); a server reachable any other way must not.
public enum ForwardedIdentity {
    /// The `_meta` key.
    public static let metaKey = "mcp-stateless/caller"

    /// The `_meta` value for `principal`.
    public static func encode(_ principal: Principal) -> JSONValue {
        [
            "subject": .string(principal.subject), "scopes": .array(principal.scopes.sorted().map(JSONValue.string)),
            "claims": .object(principal.claims),
        ]
    }

    /// The principal in a request's `_meta`, when it carries a well-formed one.
    public static func decode(_ meta: [String: JSONValue]) -> Principal? {
        guard case .object(let caller)? = meta[metaKey], let subject = caller["subject"]?.stringValue, !subject.isEmpty else { return nil }
        let scopes = caller["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return Principal(subject: subject, scopes: Set(scopes), claims: caller["claims"]?.objectValue ?? [:])
    }
}
