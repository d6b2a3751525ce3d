import Yams

/// Reads a YAML lockfile (`pnpm-lock.yaml`, a berry `yarn.lock`) within bounds.
///
/// YAML anchors and aliases let a 1 KB file stand for billions of nodes ("billion laughs"):
/// `Yams.load` expands them all. pnpm and yarn never write them, so a lockfile that uses one
/// is refused before it is composed. The composed tree is then turned into plain values (maps,
/// lists, and every scalar as its text) within a node budget, a backstop whatever the parser
/// does.
enum LockfileYAML {
    /// Nodes converted at most: a lockfile has fewer nodes than bytes.
    static func budget(forBytes count: Int) -> Int { max(100_000, count) }

    /// The document's root mapping, or the reason it cannot be read.
    static func load(_ bytes: [UInt8]) throws(MigrateError) -> [String: Any] {
        if let line = firstAnchorOrAlias(bytes) {
            throw MigrateError("uses a YAML anchor or alias (line \(line)), which pnpm and yarn never write: refused unread (an alias can expand without end)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw MigrateError("is not valid YAML")
        }
        var remaining = budget(forBytes: bytes.count)
        guard let node, let value = convert(node, &remaining), let root = value as? [String: Any] else {
            throw MigrateError(remaining < 0 ? "has more YAML nodes than its size allows: refused" : "is not a YAML mapping")
        }
        return root
    }

    /// Maps to `[String: Any]`, sequences to `[Any]`, scalars to their text; nil once the budget
    /// is spent.
    private static func convert(_ node: Node, _ remaining: inout Int) -> Any? {
        remaining -= 1
        guard remaining >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return scalar.string
        case .sequence(let sequence):
            var items: [Any] = []
            for item in sequence {
                guard let value = convert(item, &remaining) else { return nil }
                items.append(value)
            }
            return items
        case .mapping(let mapping):
            var members: [String: Any] = [:]
            for (key, value) in mapping {
                guard let converted = convert(value, &remaining) else { return nil }
                members[key.string ?? "\(key)"] = converted
            }
            return members
        case .alias:
            return nil
        }
    }

    /// The line of the first anchor (`&name`) or alias (`*name`), read lexically: where a node
    /// may start (after indentation, `- `, `? `, `: `, or a flow `[`, `{`, `,`, and after a tag),
    /// outside quotes, comments and block scalars. A plain scalar cannot start with `&` or `*`,
    /// so nothing else is taken for one.
    static func firstAnchorOrAlias(_ bytes: [UInt8]) -> Int? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var line = 1
        var index = 0
        var blockIndent: Int?  // inside a block scalar: lines indented more than this
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var indent = 0
            while index + indent < end, bytes[index + indent] == space { indent += 1 }
            let blank = index + indent == end || bytes[index + indent] == UInt8(ascii: "\r")
            if let block = blockIndent, blank || indent > block {
                // Part of a block scalar's text.
            } else {
                blockIndent = nil
                var position = index + indent
                var nodeStart = true
                var single = false, double = false
                while position < end {
                    let byte = bytes[position]
                    if single {
                        if byte == UInt8(ascii: "'") { single = false }
                    } else if double {
                        if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { double = false }
                    } else if byte == space || byte == tab || byte == UInt8(ascii: "\r") {
                        // Spaces keep whether a node may start here.
                    } else if byte == UInt8(ascii: "#"), position == index || bytes[position - 1] == space || bytes[position - 1] == tab {
                        break
                    } else if nodeStart, byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") {
                        return line
                    } else if nodeStart, byte == UInt8(ascii: "!") {
                        // A tag: a node still starts after it.
                        while position + 1 < end, bytes[position + 1] != space { position += 1 }
                    } else if byte == UInt8(ascii: "'") {
                        single = true
                        nodeStart = false
                    } else if byte == UInt8(ascii: "\"") {
                        double = true
                        nodeStart = false
                    } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",") {
                        nodeStart = true
                    } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":") {
                        let next = position + 1 < end ? bytes[position + 1] : space
                        // `- `, `? `, `: ` (or at the line's end) open a node; otherwise part of a scalar.
                        nodeStart = next == space || next == tab || next == UInt8(ascii: "\r")
                            || (byte == UInt8(ascii: ":") && (next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")))
                    } else if nodeStart, byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") {
                        blockIndent = indent
                        break
                    } else {
                        nodeStart = false
                    }
                    position += 1
                }
            }
            line += 1
            index = end + 1
        }
        return nil
    }
}
