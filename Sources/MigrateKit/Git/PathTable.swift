import Glibc

/// Many paths stored one after the other in one buffer (an index holds tens of thousands, and
/// one array per path would be as many allocations to make and free).
struct PathTable: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ranges: [Range<Int>] = []

    init() {}

    init(bytes: [UInt8], ranges: [Range<Int>]) {
        self.bytes = bytes
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    mutating func append<C: Collection<UInt8>>(_ path: C) {
        let start = bytes.count
        bytes.append(contentsOf: path)
        ranges.append(start..<bytes.count)
    }

    mutating func reserve(paths: Int, bytes count: Int) {
        ranges.reserveCapacity(paths)
        bytes.reserveCapacity(count)
    }

    /// Whether the paths are in byte order (as git writes them).
    var isSorted: Bool {
        bytes.withUnsafeBufferPointer { all in
            zip(ranges, ranges.dropFirst()).allSatisfy { !ByteOrder.precedes(all[$1], all[$0]) }
        }
    }

    /// The same paths in byte order.
    func sorted() -> PathTable {
        PathTable(bytes: bytes, ranges: sortedRanges())
    }

    /// The ranges in byte order of the paths they hold.
    func sortedRanges() -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { all in ranges.sorted { ByteOrder.precedes(all[$0], all[$1]) } }
    }
}

/// Byte order of byte strings, as git sorts paths: `memcmp` over the common length, then the
/// shorter first.
enum ByteOrder {
    static func precedes(_ a: Slice<UnsafeBufferPointer<UInt8>>, _ b: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        compare(UnsafeBufferPointer(rebasing: a), UnsafeBufferPointer(rebasing: b)) < 0
    }

    /// Negative, zero or positive as `a` sorts before, equal to or after `b`.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
