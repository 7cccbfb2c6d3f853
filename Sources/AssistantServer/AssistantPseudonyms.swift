#if AIAssistant
    import CodingEngine

    /// What an assistant sees of a project whose exports are pseudonymised by default
    /// (`intertwine pseudonym default on`): every document's text with its real names
    /// replaced and every offset counted in that text, names, speakers, attributes,
    /// definitions and passages pseudonymised; what it sends back (documents, codes,
    /// offsets, quotes) is mapped to the stored text before it is checked. Made afresh
    /// for each request, so a name added to the table applies at once.
    struct AssistantPseudonyms {
        var pseudonymiser: Pseudonymiser { documents.pseudonymiser }
        private let project: Project
        private var documents: PseudonymisedDocuments
        /// Each document's and code's name as shown, to the name stored.
        private var documentNames: [String: String] = [:]
        private var codePaths: [String: String] = [:]

        /// The view of `project`, or nil when it is not pseudonymised by default.
        static func of(_ project: Project) throws -> AssistantPseudonyms? {
            guard try project.pseudonymisesByDefault() else { return nil }
            let table = try project.pseudonymiser()
            guard !table.isEmpty else { return nil }
            return try AssistantPseudonyms(project, table)
        }

        private init(_ project: Project, _ pseudonymiser: Pseudonymiser) throws {
            self.project = project
            documents = PseudonymisedDocuments(project, pseudonymiser: pseudonymiser)
            for info in try project.documents() { documentNames[pseudonymiser(info.name)] = info.name }
            for code in try project.codebook().codes { codePaths[pseudonymiser(code.path)] = code.path }
        }

        /// `text` as the assistant reads it.
        func callAsFunction(_ text: String) -> String { pseudonymiser(text) }

        /// The stored name of a document the assistant names as it was shown (or as stored).
        func storedDocument(_ shown: String) -> String { documentNames[shown] ?? shown }

        /// The stored path of a code the assistant names as it was shown (or as stored).
        func storedCode(_ shown: String) -> String { codePaths[shown] ?? shown }

        /// The document named `stored` as the assistant reads it: its text pseudonymised, its
        /// turns' offsets in that text, its name and speakers replaced.
        mutating func document(_ stored: String) throws -> (document: Document, text: PseudonymisedText) {
            var document = try project.document(named: stored)
            let text = try self.text(stored, document.text)
            document.text = text.text
            document.info.name = pseudonymiser(document.info.name)
            document.info.caseName = pseudonymiser(document.info.caseName)
            document.info.length = text.text.unicodeScalars.count
            document.turns = document.turns.map { turn in
                var shown = turn
                shown.speaker = turn.speaker.map { pseudonymiser($0) }
                shown.start = text.position(turn.start, end: false)
                shown.speechStart = text.position(turn.speechStart, end: false)
                shown.end = text.position(turn.end, end: true)
                return shown
            }
            return (document, text)
        }

        /// The pseudonymised text of the document named `stored`, read once.
        mutating func text(_ stored: String, _ known: String? = nil) throws -> PseudonymisedText {
            try documents.text(stored, stored: known)
        }

        /// A stretch of the document named `stored` as the assistant reads it: where it is in the
        /// pseudonymised text, and what it holds there.
        mutating func passage(_ stored: String, _ range: TextRange) throws -> (range: TextRange, text: String) {
            try documents.passage(stored, range)
        }

        /// A search hit as the assistant reads it.
        mutating func hit(_ hit: SearchHit) throws -> SearchHit { try documents.hit(hit) }

        /// A proposal as the assistant sent it (document, code, offsets and quote in what it
        /// read) as the engine checks it: on the stored text. A quote is replaced by the stored
        /// text it stands for when it is found where the offsets say, or once in the document.
        mutating func stored(_ item: ProposedCoding) throws -> ProposedCoding {
            var item = item
            item.document = storedDocument(item.document)
            item.code = storedCode(item.code)
            guard let text = try? self.text(item.document) else { return item }
            let scalars = Array(text.text.unicodeScalars)
            var shown: TextRange?
            if let start = item.start, let end = item.end, 0 <= start, start < end, end <= scalars.count {
                shown = TextRange(start, end)
            }
            if let quote = item.quote {
                let wanted = Array(quote.unicodeScalars)
                if let range = shown, Array(scalars[range.start..<range.end]) != wanted {
                    shown = nil
                }
                if shown == nil, !wanted.isEmpty, wanted.count <= scalars.count {
                    let places = (0...(scalars.count - wanted.count)).filter {
                        scalars[$0] == wanted[0] && Array(scalars[$0..<($0 + wanted.count)]) == wanted
                    }
                    if places.count == 1 { shown = TextRange(places[0], places[0] + wanted.count) }
                }
            }
            guard let shown else { return item }
            let stored = text.original(shown)
            item.start = stored.start
            item.end = stored.end
            if item.quote != nil {
                let original = Array(try project.document(named: item.document).text.unicodeScalars)
                item.quote = String(String.UnicodeScalarView(original[stored.start..<stored.end]))
            }
            return item
        }
    }
#endif
