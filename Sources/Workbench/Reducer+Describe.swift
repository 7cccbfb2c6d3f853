import CodingEngine

/// What an edit did, in words, for the status bar.
extension Reducer {
    /// The coders an edit wrote for.
    static func coders(of edit: State.Edit) -> [String] {
        switch edit {
        case .added(let codings), .removed(let codings): return codings.map(\.coder)
        case .moved(_, let to): return [to.coder]
        case .memo(let coding, _, _): return [coding.coder]
        case .documentMemo(_, let coder, _, _): return [coder]
        case .settled(let settlement), .unsettled(let settlement), .why(let settlement, _, _):
            return [settlement.consensus]
        case .change: return []
        case .proposal(let step): return step.codings.map(\.coder)
        }
    }

    /// What an edit did, for the status bar, in words.
    static func describe(_ edit: State.Edit, _ state: State) -> String {
        switch edit {
        case .moved(let from, let to):
            return moveDescription(from: from.range, to: to.range, code: to.code, state)
        case .memo(let coding, _, let to):
            return to.map { _ in "memo saved on \(coding.code)" } ?? "memo removed from \(coding.code)"
        case .documentMemo(let document, _, _, let to):
            return to.map { _ in "memo saved on \(document)" } ?? "memo removed from \(document)"
        case .added(let codings):
            guard let first = codings.first else { return "nothing coded" }
            return "coded \(Words.count(first.range.length, "character")) as \(first.code)"
                + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .removed(let codings):
            guard let first = codings.first else { return "nothing removed" }
            return "removed \(first.code) from \(Words.count(first.range.length, "character"))"
                + (codings.count > 1 ? " (+\(codings.count - 1))" : "")
        case .change(let change, _):
            return change.entry.detail
        case .settled(let settlement):
            return "settled \(settlement.code): \(settlement.kept)"
                + (settlement.ranges.isEmpty ? "" : ", written as \(settlement.consensus)")
                + " · m why · u undoes"
        case .unsettled(let settlement):
            return "decision on \(settlement.code) removed (\(settlement.kept))"
        case .why(let settlement, _, let to):
            return to.map { _ in "why saved with the decision on \(settlement.code)" }
                ?? "why removed from the decision on \(settlement.code)"
        case .proposal(let step):
            return step.description
        }
    }

    /// "start moved 1 word earlier: now “machine. I came in…”"
    static func moveDescription(from: TextRange, to: TextRange, code: String, _ state: State) -> String {
        guard let text = state.document?.text else { return "\(code) moved" }
        func words(_ a: Int, _ b: Int) -> Int {
            text.slice(min(a, b), max(a, b)).split(whereSeparator: { $0.isWhitespace }).count
        }
        let which: String
        if from.start != to.start {
            let n = words(from.start, to.start)
            which = "start moved " + Words.count(n, "word") + (to.start < from.start ? " earlier" : " later")
        } else {
            let n = words(from.end, to.end)
            which = "end moved " + Words.count(n, "word") + (to.end > from.end ? " later" : " earlier")
        }
        // The edge that moved, as much of it as the status bar has room for.
        let room = max(12, min(60, state.width - which.count - code.count - 30))
        let reads: String
        if from.start != to.start {
            reads = text.slice(to.start, min(to.end, to.start + room)) + (to.length > room ? "…" : "")
        } else {
            reads = (to.length > room ? "…" : "") + text.slice(max(to.start, to.end - room), to.end)
        }
        return "\(which): \(code) now reads “\(reads.replacingOccurrences(of: "\n", with: " "))”"
    }
}
