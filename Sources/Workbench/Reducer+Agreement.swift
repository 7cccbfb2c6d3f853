import CodingEngine

extension Reducer {
    /// Opens the agreement table for `coders`, or for the first two coders other than
    /// the consensus coder.
    static func openAgreement(_ coders: [String]?, _ state: inout State) -> [Effect] {
        let candidates = state.coders.filter { $0 != state.consensusCoder }
        let chosen = coders.flatMap { $0.isEmpty ? nil : $0 } ?? Array(candidates.prefix(2))
        guard chosen.count == 2 else {
            state.message = chosen.count < 2 ? "agreement needs two coders' codings (:agree A,B)" : "the review compares two coders: :agree A,B"
            return []
        }
        if chosen[0] == chosen[1] {
            state.message = "compare two different coders: :agree A,B"
            return []
        }
        if let unknown = chosen.first(where: { !state.coders.contains($0) }) {
            state.message = "no coder \(unknown) in this project"
            return []
        }
        state.mode = .agreement(State.AgreementTable(coders: chosen))
        return [.loadAgreement(coders: chosen, consensus: state.consensusCoder)]
    }

    static func agreementCommand(_ command: Command, _ state: inout State) -> [Effect] {
        guard case .agreement(var table) = state.mode else { return [] }
        switch command {
        case .listDown: table.selected = min(max(0, table.rows.count - 1), table.selected + 1)
        case .listUp: table.selected = max(0, table.selected - 1)
        case .listPageDown: table.selected = min(max(0, table.rows.count - 1), table.selected + max(1, state.height - 8))
        case .listPageUp: table.selected = max(0, table.selected - max(1, state.height - 8))
        case .choose:
            guard table.rows.indices.contains(table.selected) else { return [] }
            let code = table.rows[table.selected].code
            state.mode = .review(State.Review(coders: table.coders, code: code, table: table))
            return [.loadDisagreements(coders: table.coders, code: code, consensus: state.consensusCoder)]
        case .cancel:
            state.mode = .normal
            return []
        default:
            break
        }
        state.mode = .agreement(table)
        return []
    }

    static func reviewCommand(_ command: Command, _ state: inout State) -> [Effect] {
        guard case .review(var review) = state.mode else { return [] }
        let item = review.items.indices.contains(review.index) ? review.items[review.index] : nil
        switch command {
        case .nextItem: review.index = min(max(0, review.items.count - 1), review.index + 1)
        case .previousItem: review.index = max(0, review.index - 1)
        case .cancel:
            state.mode = .agreement(review.table)
            return [.loadAgreement(coders: review.coders, consensus: state.consensusCoder)]
        case .acceptA, .acceptB, .acceptUnion, .acceptIntersection:
            guard let item else { return [] }
            let d = item.disagreement
            let ranges: [TextRange]
            switch command {
            case .acceptA: ranges = d.a
            case .acceptB: ranges = d.b
            case .acceptUnion: ranges = TextRange.union(d.a + d.b)
            default: ranges = CharacterUnits.intersection(TextRange.union(d.a), TextRange.union(d.b))
            }
            guard !ranges.isEmpty else {
                state.message = "nothing to accept: that version codes no text here"
                return []
            }
            if item.settled {
                state.message = "already settled; to change it, e edits the passage as \(state.consensusCoder)"
                return []
            }
            let codings = ranges.map { NewCoding(document: d.document, range: $0, code: d.code, coder: state.consensusCoder) }
            state.lastSettled = codings.first
            // Move on to the next disagreement not yet settled.
            if let next = review.items.indices.first(where: { $0 > review.index && !review.items[$0].settled }) { review.index = next }
            state.mode = .review(review)
            state.saved = false
            return [.write(.added(codings), intent: .record)]
        case .rationale:
            guard let settled = state.lastSettled else {
                state.message = "settle a disagreement first (1, 2, + or *), then m writes why"
                return []
            }
            state.mode = .rationaleInput(settled, "", review: review)
            return []
        case .editConsensus:
            guard let item else { return [] }
            let d = item.disagreement
            state.coder = state.consensusCoder
            state.lastCode = d.code
            state.mode = .normal
            state.focus = .transcript
            state.message = "editing as \(state.consensusCoder): adjust the selection, then . applies \(d.code); a returns"
            if state.document?.name == d.document {
                state.anchor = d.range.start
                state.cursor = d.range.end - 1
                ensureVisible(&state)
                return [.loadProject]
            }
            state.pendingSelection = d.range
            return [.loadProject, .openDocument(d.document)]
        default:
            break
        }
        state.mode = .review(review)
        return []
    }
}
