/// What a recipe concluded about one value of a site's options; a site with several values takes
/// the worst outcome (review > blocked > apply > already > not-applicable) and every needed edit.
struct Judgement {
    var outcome: Outcome
    var reason: String
    var edits: [TextEdit] = []
    var unresolved = false

    private static let rank: [Outcome: Int] = [.notApplicable: 0, .already: 1, .apply: 2, .blocked: 3, .review: 4]

    /// The combination of several values' judgements.
    static func combine(_ judgements: [Judgement]) -> Judgement {
        guard let worst = judgements.max(by: { rank[$0.outcome]! < rank[$1.outcome]! }) else {
            return Judgement(outcome: .review, reason: "no value to judge", unresolved: true)
        }
        if judgements.count == 1 { return worst }
        var seen: Set<String> = []
        let reasons = judgements.map(\.reason).filter { seen.insert($0).inserted }
        var edits: [TextEdit] = []
        for edit in judgements.flatMap(\.edits) where !edits.contains(edit) { edits.append(edit) }
        return Judgement(
            outcome: worst.outcome, reason: reasons.count == 1 ? reasons[0] : reasons.enumerated().map { "value \($0.offset + 1): \($0.element)" }.joined(separator: "; "),
            edits: edits, unresolved: judgements.contains { $0.unresolved })
    }

    /// The edits a site at `path` shows: only where they would be written (apply) or wait for a
    /// version (blocked), each naming its file only when that is not the site's own.
    func siteEdits(at path: String) -> [TextEdit] {
        guard outcome == .apply || outcome == .blocked else { return [] }
        return edits.map { edit in
            var edit = edit
            if edit.file == path { edit.file = nil }
            return edit
        }
    }
}
