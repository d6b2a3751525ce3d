extension Duration {
    /// The duration in nanoseconds, held at `Int64.min`/`Int64.max` when it does not fit: a
    /// duration from an operator's flag or a peer never traps on its way to a timer.
    package var saturatingNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowed) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflowed { return whole < 0 ? .min : .max }
        return sum
    }
}
