import CodingEngine

extension Reducer {
    /// `:q`, `:coder NAME`, `:open DOC`, `:others`, `:numbers`, `:help`.
    static func runCommandLine(_ text: String, _ state: inout State) -> [Effect] {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first else { return [] }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch verb {
        case "q", "quit", "q!", "wq", "x":
            state.quitting = true
        case "coder":
            guard !argument.isEmpty else {
                state.message = "coding as \(state.coder); :coder NAME changes it"
                return []
            }
            state.coder = argument
            state.undoStack.removeAll()
            state.redoStack.removeAll()
            state.message = "now coding as \(argument)"
            guard let document = state.document else { return [.loadProject] }
            // Reopen the document where the cursor is, to show the new coder's memo.
            state.pendingCursor = state.cursor
            return [.loadProject, .openDocument(document.name)]
        case "open", "e", "edit":
            guard let entry = state.documents.first(where: { $0.name == argument })
                ?? state.documents.first(where: { $0.name.lowercased().hasPrefix(argument.lowercased()) && !argument.isEmpty }) else {
                state.message = "no document \"\(argument)\"; Tab lists them"
                return []
            }
            return [.openDocument(entry.name)]
        case "matrix":
            guard let folder = state.codebook.code(path: argument) else {
                state.message = "no folder \"\(argument)\"; :matrix FOLDER, e.g. :matrix Learning type"
                return []
            }
            state.mode = .matrix(State.MatrixScreen(folder: folder.path))
            return [.loadMatrix(folder: folder.path)]
        case "agree":
            let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return openAgreement(names, &state)
        case "consensus":
            guard !argument.isEmpty else {
                state.message = "settled disagreements are written as \(state.consensusCoder); :consensus NAME changes it"
                return []
            }
            state.consensusCoder = argument
            state.message = "settled disagreements will be written as \(argument)"
        case "others": return run(.toggleOthers, &state)
        case "numbers": return run(.toggleLineNumbers, &state)
        case "help": return run(.help, &state)
        default:
            state.message = "unknown command :\(verb) (try :coder NAME, :open DOC, :q)"
        }
        return []
    }

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
        state.message = "\(matches.count) match\(matches.count == 1 ? "" : "es") for \"\(query)\" (n next, N previous)"
        ensureVisible(&state)
        return []
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    static func documentsCommand(_ command: Command, _ state: inout State) -> [Effect] {
        switch command {
        case .listDown: state.documentsCursor = min(state.documents.count - 1, state.documentsCursor + 1)
        case .listUp: state.documentsCursor = max(0, state.documentsCursor - 1)
        case .choose:
            state.focus = .transcript
            guard state.documents.indices.contains(state.documentsCursor) else { return [] }
            return [.openDocument(state.documents[state.documentsCursor].name)]
        case .toggleDocuments:
            state.focus = .transcript
            if state.width < 100 { state.showDocuments = false }
            relayout(&state)
        case .help: state.mode = .help(scroll: 0)
        case .quit: state.quitting = true
        default: break
        }
        return []
    }

    /// The passages the retrieve screen shows, after its case and coder filters.
    public static func shownPassages(_ retrieval: State.Retrieval, coder: String) -> [RetrievedPassage] {
        retrieval.passages.filter {
            (retrieval.caseFilter == nil || $0.coding.caseName == retrieval.caseFilter)
                && (retrieval.allCoders || $0.coding.coder == coder)
        }
    }

    static func retrieveCommand(_ command: Command, _ state: inout State) -> [Effect] {
        guard case .retrieve(var retrieval) = state.mode else { return [] }
        let shown = shownPassages(retrieval, coder: state.coder)
        let page = max(1, state.height - 6)
        switch command {
        case .listDown: retrieval.selected = min(max(0, shown.count - 1), retrieval.selected + 1)
        case .listUp: retrieval.selected = max(0, retrieval.selected - 1)
        case .listPageDown: retrieval.selected = min(max(0, shown.count - 1), retrieval.selected + page)
        case .listPageUp: retrieval.selected = max(0, retrieval.selected - page)
        case .cycleCaseFilter:
            let cases = Array(Set(retrieval.passages.map(\.coding.caseName))).sorted()
            if let current = retrieval.caseFilter, let index = cases.firstIndex(of: current) {
                retrieval.caseFilter = index + 1 < cases.count ? cases[index + 1] : nil
            } else {
                retrieval.caseFilter = cases.first
            }
            retrieval.selected = 0
        case .toggleOthers:
            retrieval.allCoders.toggle()
            retrieval.selected = 0
        case .choose:
            guard shown.indices.contains(retrieval.selected) else { return [] }
            let coding = shown[retrieval.selected].coding
            state.mode = .normal
            state.anchor = nil
            if state.document?.name == coding.document {
                state.cursor = coding.start
                ensureVisible(&state)
                return []
            }
            state.pendingCursor = coding.start
            return [.openDocument(coding.document)]
        case .cancel:
            state.mode = .normal
            return []
        default:
            break
        }
        state.mode = .retrieve(retrieval)
        return []
    }

    static func frequencyCommand(_ command: Command, _ state: inout State) -> [Effect] {
        guard case .frequencies(var table) = state.mode else { return [] }
        switch command {
        case .listDown: table.scroll += 1
        case .listUp: table.scroll = max(0, table.scroll - 1)
        case .listPageDown: table.scroll += max(1, state.height - 6)
        case .listPageUp: table.scroll = max(0, table.scroll - max(1, state.height - 6))
        case .toggleCoverage: table.coverage.toggle()
        case .toggleOthers: table.allCoders.toggle()
        case .cancel, .choose:
            state.mode = .normal
            return []
        default: break
        }
        state.mode = .frequencies(table)
        return []
    }
}
