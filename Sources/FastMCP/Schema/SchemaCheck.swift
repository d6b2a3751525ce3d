import MCPProxy

/// One check of a value against a schema: the problems found, and the work it was allowed.
///
/// The work is bounded: every node visited, every byte a pattern is matched against and every
/// item compared for `uniqueItems` costs a unit, and past ``budget`` the check stops
/// (``exhausted``); it also stops when the calling task is cancelled, so a caller's timeout
/// ends the work. At most ``storedLimit`` problems are kept, while ``total`` counts them all.
struct SchemaCheck {
    /// The units of work a check may do by default: far above any ordinary tool call (a few
    /// thousand), low enough that a hostile one ends in milliseconds.
    static let defaultBudget = 2_000_000
    /// Problems kept for the reply; the rest are only counted.
    static let storedLimit = 1000
    /// How often (in units) cancellation is looked at.
    static let cancellationStride = 4096

    /// The problems kept, at most ``storedLimit``.
    var problems: [SchemaValidator.Problem] = []
    /// Every problem found, kept or not.
    var total = 0
    /// The units spent.
    var work = 0
    /// The units allowed.
    let budget: Int
    /// Whether the check stopped before the end: the budget was spent or the task cancelled.
    var exhausted = false
    /// Whether it stopped because the task was cancelled.
    var cancelled = false
    private var nextCancellationCheck = SchemaCheck.cancellationStride

    /// A check allowed `budget` units.
    init(budget: Int = SchemaCheck.defaultBudget) {
        self.budget = budget
    }

    /// Whether no problem was found.
    var isEmpty: Bool { total == 0 }

    /// Records `problem` (kept while fewer than ``storedLimit`` are).
    mutating func append(_ problem: SchemaValidator.Problem) {
        total += 1
        if problems.count < Self.storedLimit { problems.append(problem) }
    }

    /// Spends `units`; false once the budget is spent or the task cancelled (the check then
    /// stops: every caller returns at once).
    mutating func charge(_ units: Int) -> Bool {
        if exhausted { return false }
        let (sum, overflow) = work.addingReportingOverflow(units)
        work = overflow ? .max : sum
        if work > budget {
            exhausted = true
            return false
        }
        if work >= nextCancellationCheck {
            nextCancellationCheck = work + Self.cancellationStride
            if Task.isCancelled {
                exhausted = true
                cancelled = true
                return false
            }
        }
        return true
    }

    /// A check of one branch (`anyOf`, `oneOf`) with what is left of this one's budget.
    func branch() -> SchemaCheck {
        var branch = SchemaCheck(budget: budget)
        branch.work = work
        branch.nextCancellationCheck = nextCancellationCheck
        return branch
    }

    /// Takes on the work a branch did, and its stopping.
    mutating func absorbWork(of branch: SchemaCheck) {
        work = max(work, branch.work)
        nextCancellationCheck = max(nextCancellationCheck, branch.nextCancellationCheck)
        if branch.exhausted {
            exhausted = true
            cancelled = cancelled || branch.cancelled
        }
    }

    /// The problems as reply lines: at most `limit`, then `… and N more`.
    func lines(limit: Int = 20) -> [String] {
        var lines = problems.prefix(limit).map(\.description)
        if total > lines.count { lines.append("… and \(total - lines.count) more") }
        return lines
    }
}
