import Synchronization

/// `X-Request-Id` values: 16 hex digits, distinct for every request of the process and
/// unrelated between processes, made without a system call.
///
/// Each id is a counter passed through SplitMix64's finaliser (a bijection on 64 bits, so two
/// requests never share an id) after adding a key drawn once from the system's random source.
/// Ids are for correlating logs, not secrets: the random number generator's system call per
/// request (measured in docs/benchmarks.md) bought nothing they need.
final class RequestIDs: Sendable {
    /// The process's ids.
    static let shared = RequestIDs()

    private let key: UInt64
    private let counter = Atomic<UInt64>(0)

    init(key: UInt64 = UInt64.random(in: .min ... .max)) {
        self.key = key
    }

    /// The next id.
    func next() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var mixed = number &* 0x9E37_79B9_7F4A_7C15 &+ key
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return String(unsafeUninitializedCapacity: 16) { buffer in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digits in
                for position in 0..<16 {
                    buffer[position] = digits[Int((mixed >> UInt64(60 - 4 * position)) & 0xF)]
                }
            }
            return 16
        }
    }
}
