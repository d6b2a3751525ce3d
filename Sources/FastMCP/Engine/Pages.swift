import MCPProxy

/// A list split into pages addressed by opaque cursors, computed once.
struct Pages: Sendable {
    let key: String
    let pages: [JSONValue]

    /// - Parameters:
    ///   - key: the result member (`tools`, `resources`, …).
    init(key: String, items: [JSONValue], pageSize: Int) {
        self.key = key
        let size = max(1, pageSize)
        var pages: [JSONValue] = []
        var start = 0
        repeat {
            let end = min(start + size, items.count)
            var page: [String: JSONValue] = [key: .array(Array(items[start..<end]))]
            if end < items.count { page["nextCursor"] = .string(Self.cursor(for: pages.count + 1)) }
            pages.append(.object(page))
            start = end
        } while start < items.count
        self.pages = pages
    }

    static func cursor(for page: Int) -> String { Base64URL.encode(Array("page:\(page)".utf8)) }

    /// The page a request's `cursor` names; -32602 for a cursor we did not issue.
    func page(for params: JSONValue?) throws(JSONRPCError) -> JSONValue {
        guard let cursorValue = params?["cursor"], cursorValue != .null else { return pages[0] }
        guard let cursor = cursorValue.stringValue, let bytes = Base64URL.decode(cursor),
            let text = String(validating: bytes, as: UTF8.self), text.hasPrefix("page:"),
            let index = Int(text.dropFirst(5)), pages.indices.contains(index)
        else {
            throw JSONRPCError.invalidParams("invalid cursor")
        }
        return pages[index]
    }
}
