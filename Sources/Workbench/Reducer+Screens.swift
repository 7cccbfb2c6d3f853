import CodingEngine

extension Reducer {
    /// Finds every match of `query` (ignoring case) and moves to the first after the cursor.
    static func runSearch(_ query: String, _ state: inout State) -> [Effect] {
        guard let document = state.document, !query.isEmpty else {
            state.searchQuery = nil
            state.searchMatches = []
            return []
        }
        let needle = Array(query.lowercased().unicodeScalars)
        let scalars = document.text.scalars
        var matches: [TextRange] = []
        if needle.count <= scalars.count {
            var i = 0
            while i + needle.count <= scalars.count {
                var j = 0
                while j < needle.count, lower(scalars[i + j]) == needle[j] { j += 1 }
                if j == needle.count {
                    matches.append(TextRange(i, i + needle.count))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        state.searchQuery = query
        state.searchMatches = matches
        guard let first = matches.first(where: { $0.start > state.cursor }) ?? matches.first else {
            state.message = "\"\(query)\" not found"
            return []
        }
        state.cursor = first.start
        reveal(&state)
        state.message = searchPosition(state) + " for \"\(query)\" (n next, N previous)"
        return []
    }

    /// "match 3 of 17"
    static func searchPosition(_ state: State) -> String {
        let index = state.searchMatches.firstIndex { $0.start == state.cursor }.map { $0 + 1 } ?? 0
        return "match \(index) of \(state.searchMatches.count)"
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    static func documentsCommand(_ command: Command, _ state: inout State) -> [Effect] {
        switch command {
        case .listDown, .listUp, .listPageDown, .listPageUp:
            let rows = SidePanes.documentRows(state)
            state.documentsList.resize(state.documents.count)
            switch command {
            case .listDown: state.documentsList.move(1, rows: rows)
            case .listUp: state.documentsList.move(-1, rows: rows)
            case .listPageDown: state.documentsList.page(1, rows: rows)
            default: state.documentsList.page(-1, rows: rows)
            }
        case .choose:
            state.focus = .transcript
            guard state.documents.indices.contains(state.documentsCursor) else { return [] }
            return open(state.documents[state.documentsCursor].name, &state)
        case .toggleDocuments:
            state.focus = .transcript
            if state.width < 100 { state.showDocuments = false }
            relayout(&state)
        case .help: return present(HelpScreen(for: .normal, focus: .documents), &state)
        case .quit: return quit(&state)
        default: break
        }
        return []
    }

    /// Opens a document (keeping where the coder was in the one left).
    static func open(_ name: String, _ state: inout State) -> [Effect] {
        var effects: [Effect] = []
        if let document = state.document, document.name != name {
            effects.append(.rememberPosition(coder: state.coder, document: document.name, offset: state.cursor))
        }
        return effects + [.openDocument(name)]
    }

    /// Shows `range` of `document` selected in the transcript (opening the document
    /// when another is open), scrolled into the upper third.
    static func show(_ range: TextRange, in document: String, _ state: inout State) -> [Effect] {
        state.focus = .transcript
        if state.document?.name == document {
            state.anchor = range.start
            state.cursor = max(range.start, range.end - 1)
            reveal(&state)
            return []
        }
        state.pendingSelection = range
        return open(document, &state)
    }

    /// Codes as `name` from now on.
    static func switchCoder(to name: String, _ state: inout State) -> [Effect] {
        state.coder = name
        state.consensusEdit = nil
        state.undoStack.removeAll()
        state.redoStack.removeAll()
        state.message = "now coding as \(name)"
        guard let document = state.document else { return [.loadProject] }
        // Reopen the document where the cursor is, to show the new coder's memo.
        state.pendingCursor = state.cursor
        return [.loadProject, .openDocument(document.name)]
    }

    /// Back from editing a disagreement as the consensus coder: oneself again, on the
    /// review (with what one settled there).
    static func returnFromConsensusEdit(_ state: inout State) -> [Effect] {
        guard let edit = state.consensusEdit else { return [] }
        state.consensusEdit = nil
        state.coder = edit.coder
        state.anchor = nil
        state.back = Array(edit.screens.dropLast())
        state.mode = edit.screens.last ?? .normal
        state.message = "back to the review, coding as \(edit.coder)"
        // The screen returned to reads again what was settled meanwhile.
        return [.loadProject] + (state.mode.screen?.load(state) ?? [])
    }
}
