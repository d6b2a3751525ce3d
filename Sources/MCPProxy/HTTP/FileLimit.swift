import Foundation
import Logging

/// Raises this process's open-file soft limit to its hard limit, so a connection flood
/// meets the backlog and the concurrency limits (503 with `Retry-After`) rather than
/// `EMFILE` (accept failures, resets).
enum FileLimit {
    /// Raises the limit once and logs the result.
    static func raise(logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let before = limit.rlim_cur
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) != 0 {
                logger.warning("could not raise the open-file limit from \(before) to \(limit.rlim_max): \(String(cString: strerror(errno)))")
                return
            }
        }
        logger.info("open-file limit: \(limit.rlim_cur) (was \(before)); each connection uses one")
    }
}
