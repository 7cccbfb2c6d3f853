import CodingEngine

/// The passages a reader shows, read from the store: each with its case, turn,
/// speaker, coder, memo and text, and the turns around it for context.
enum PassageData {
    /// `viewer` is who is looking: with blind coding on, others' codings of documents
    /// they have not marked done are not read.
    static func passages(_ store: some WorkbenchStore, _ query: PassageQuery, viewer: String? = nil) throws
        -> [ReaderPassage]
    {
        var wanted: [NewCoding]
        var memos: [String: String] = [:]
        var found: Set<Int> = []
        var ids: [String: Int64] = [:]
        switch query {
        case .code(let path):
            let codings = try store.codings(CodingFilter(codes: [path], viewer: viewer), includeText: false)
            for coding in codings {
                ids["\(coding.document)|\(coding.start)|\(coding.end)|\(coding.code)|\(coding.coder)"] = coding.id
            }
            wanted = codings.map {
                NewCoding(document: $0.document, range: $0.range, code: $0.code, coder: $0.coder, memo: $0.memo)
            }
        case .query(let expression):
            // A query's passages are stretches, not codings: shown without code or coder.
            wanted = try QueryEvaluator.run(expression, on: store).map {
                NewCoding(document: $0.document, range: $0.range, code: "", coder: "")
            }
            found = Set(wanted.indices)
        case .passages(let list):
            wanted = list
            // Memos of the codings named, when they are codings.
            let documents = Array(Set(list.map(\.document)))
            for coding in try store.codings(CodingFilter(documents: documents, viewer: viewer), includeText: false) {
                let key = "\(coding.document)|\(coding.start)|\(coding.end)|\(coding.code)|\(coding.coder)"
                ids[key] = coding.id
                if coding.memo != nil { memos[key] = coding.memo }
            }
        }
        var documents: [String: Document] = [:]
        var scalars: [String: ScalarText] = [:]
        return try wanted.enumerated().map { index, coding in
            let document = try documents.cached(coding.document) { try store.document(named: coding.document) }
            let text = scalars.cached(coding.document) { ScalarText(document.text) }
            let range = TextRange(
                max(0, min(coding.range.start, text.length)), max(0, min(coding.range.end, text.length)))
            let turns = document.turns
            let first = turns.lastIndex { $0.start <= range.start }
            let last = turns.lastIndex { $0.start < max(range.end, range.start + 1) } ?? first
            func turnText(_ turn: Turn) -> String { text.slice(turn.start, turn.end) }
            var leading = "", trailing = ""
            if let first { leading = text.slice(turns[first].start, max(turns[first].start, range.start)) }
            if let last {
                trailing = text.slice(min(range.end, max(range.end, turns[last].end)), max(range.end, turns[last].end))
            }
            let before =
                first.map { index in turns[max(0, index - ReaderScreen.maximumContext)..<index].reversed().map(turnText)
                } ?? []
            let after =
                last.map { index in
                    turns[min(turns.count, index + 1)..<min(turns.count, index + 1 + ReaderScreen.maximumContext)].map(
                        turnText)
                } ?? []
            let key = "\(coding.document)|\(range.start)|\(range.end)|\(coding.code)|\(coding.coder)"
            var passage = ReaderPassage(
                document: coding.document, caseName: document.info.caseName, range: range, code: coding.code,
                coder: coding.coder, memo: coding.memo ?? memos[key], turn: first.map { turns[$0].index },
                speaker: first.flatMap { turns[$0].speaker }, text: text.slice(range.start, range.end),
                leading: Name.trimmed(leading), trailing: Name.trimmed(trailing),
                turnsBefore: Array(before), turnsAfter: Array(after))
            passage.codingID = ids[key]
            if found.contains(index) { passage.code = nil; passage.coder = nil }
            return passage
        }
    }
}
