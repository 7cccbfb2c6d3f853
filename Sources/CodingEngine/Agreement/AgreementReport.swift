import Foundation

/// Inter-coder agreement for chosen coders, codes and documents, at the character
/// level (each character of each document is a unit; a coder's ranges of a code are
/// unioned first), pooled over documents by adding their tables.
public struct AgreementReport: Equatable, Sendable {
    /// What to compare.
    public struct Options: Equatable, Sendable {
        public var coders: [String]
        /// Code paths (each with the codes below it); empty for every codable code one
        /// of the coders used.
        public var codes: [String]
        /// Document names; empty for all.
        public var documents: [String]
        /// Trim white space and punctuation at the edges of every coding first.
        public var trim: Bool
        public var threshold: SegmentMatching.Threshold
        /// Resample each code's alpha and kappa for their uncertainty; nil for none.
        public var bootstrap: AgreementBootstrap.Options?
        /// Compare only codings made blind (while their coder could see no other coder's
        /// codings of the document).
        public var independentOnly = false
        /// Compare every document, not only those every coder coded (or marked done).
        public var allDocuments = false
        /// Leave out a person's codings accepted from an AI assistant's proposals: what
        /// people coded unaided.
        public var excludeAssisted = false

        public init(
            coders: [String], codes: [String] = [], documents: [String] = [], trim: Bool = false,
            threshold: SegmentMatching.Threshold = .standard, bootstrap: AgreementBootstrap.Options? = nil
        ) {
            self.coders = coders
            self.codes = codes
            self.documents = documents
            self.trim = trim
            self.threshold = threshold
            self.bootstrap = bootstrap
        }
    }

    /// The figures for one code (over all documents, or one).
    public struct Figures: Equatable, Sendable {
        /// Characters each coder coded (unioned), in coder order.
        public var coverage: [Int]
        /// Codings each coder made.
        public var segments: [Int]
        public var units: BinaryUnits
        /// For two coders.
        public var table: TwoByTwo?
        public var matching: SegmentMatching.Result?

        public var percentAgreement: Double? { units.percentAgreement }
        public var jaccard: Double? { units.jaccard }
        public var cohenKappa: Double? { table?.cohenKappa }
        /// For three or more coders.
        public var fleissKappa: Double? { units.coders > 2 ? units.fleissKappa : nil }
        public var krippendorffAlpha: Double? { units.krippendorffAlpha }
        public var gwetAC1: Double? { units.gwetAC1 }
    }

    /// One code's agreement, with the per-document drill-down and document-level figures.
    public struct CodeAgreement: Equatable, Sendable {
        public var code: String
        public var figures: Figures
        public var documents: [(name: String, figures: Figures)]
        /// Whether each coder used the code in each document at all: units are documents.
        public var documentLevel: BinaryUnits
        /// The same for two coders, as a 2×2 table over documents.
        public var documentLevelTable: TwoByTwo?
        /// The uncertainty of alpha and kappa, when asked for.
        public var bootstrap: AgreementBootstrap?
        /// MAXQDA's code frequency level: in how many documents every coder coded the
        /// code the same number of times (none counts as the same).
        public var frequencyLevel = FrequencyLevel()

        /// Agreement on how often a code was used per document.
        public struct FrequencyLevel: Equatable, Sendable {
            /// Documents compared, and those where every coder made as many codings.
            public var documents = 0
            public var sameCount = 0
            /// The same among documents where at least one coder used the code.
            public var documentsCoded = 0
            public var sameCountCoded = 0

            public var percentAgreement: Double? { documents > 0 ? Double(sameCount) / Double(documents) : nil }
            public var percentAgreementCoded: Double? {
                documentsCoded > 0 ? Double(sameCountCoded) / Double(documentsCoded) : nil
            }
        }

        public static func == (x: CodeAgreement, y: CodeAgreement) -> Bool {
            x.code == y.code && x.figures == y.figures && x.documents.map(\.name) == y.documents.map(\.name)
                && x.documents.map(\.figures) == y.documents.map(\.figures) && x.documentLevel == y.documentLevel
                && x.bootstrap == y.bootstrap && x.frequencyLevel == y.frequencyLevel
        }

        /// Document-level kappa: Cohen's for two coders, Fleiss' for more.
        public var documentLevelKappa: Double? {
            documentLevelTable?.cohenKappa ?? (documentLevel.coders > 2 ? documentLevel.fleissKappa : nil)
        }

        /// Krippendorff's reading of alpha: reliable ≥ .800, tentative ≥ .667.
        public var reliability: Reliability { Reliability(alpha: figures.krippendorffAlpha) }

        /// Whether alpha rests on fewer than `AgreementReport.fewUnits` codings of some
        /// coder: too few passages to call it reliable, whatever its value.
        public var restsOnFewUnits: Bool { figures.segments.contains { $0 < AgreementReport.fewUnits } }
    }

    public enum Reliability: String, Sendable {
        case reliable, tentative, unreliable, undefined

        public init(alpha: Double?) {
            guard let alpha else { self = .undefined; return }
            self = alpha >= 0.800 ? .reliable : alpha >= 0.667 ? .tentative : .unreliable
        }
    }

    public var coders: [String]
    public var documents: [String]
    /// Characters of the compared documents: the units.
    public var characters: Int
    public var codes: [CodeAgreement]
    /// How the figures were resampled, when they were.
    public var bootstrap: AgreementBootstrap.Options?
    /// Of the codings compared: how many were made blind, how many while their coder
    /// could see another's, and how many nobody knows this of.
    public var independence = Independence()
    /// Documents not compared because a coder had not coded them (nor marked them
    /// done), unless `allDocuments`.
    public var leftOut: [LeftOutDocument] = []

    /// How many compared codings were made blind.
    public struct Independence: Equatable, Sendable {
        public var independent = 0
        public var seeingOthers = 0
        public var unknown = 0
        /// Codings left out by `independentOnly`.
        public var leftOut = 0

        public var compared: Int { independent + seeingOthers + unknown }

        /// In a sentence, for reports.
        public var summary: String {
            var line =
                "Blind coding: \(independent) of the \(compared) codings compared were made while their coder could see no other coder's codings of the document"
            if seeingOthers > 0 { line += ", \(seeingOthers) while they could" }
            if unknown > 0 { line += ", \(unknown) not known (made before this was recorded, or from another tool)" }
            if leftOut > 0 { line += "; --independent left out \(leftOut)" }
            return line
        }
    }

    /// Of the codings compared: how many a person accepted from an AI assistant's
    /// proposals, and from which assistant and model.
    public var assistance = Assistance()

    /// A person's codings accepted from an AI assistant's proposals, among those compared.
    public struct Assistance: Equatable, Sendable {
        /// Accepted codings compared, by assistant and what made it.
        public var accepted: [String: Int] = [:]
        /// Codings left out by `excludeAssisted`.
        public var leftOut = 0

        /// In a sentence, for reports; nil when no compared coding came from an assistant.
        public func summary(compared: Int) -> String? {
            let count = accepted.values.reduce(0, +)
            guard count > 0 || leftOut > 0 else { return nil }
            if count == 0 {
                return
                    "AI assistance: --exclude-assisted left out \(leftOut) codings accepted from an assistant's proposals; every coding compared was made unaided"
            }
            let sources = accepted.sorted { $0.key < $1.key }.map { "\($0.value) from \($0.key)" }
            return
                "AI assistance: \(count) of the \(compared) codings compared were accepted from an assistant's proposals (\(sources.joined(separator: "; "))); --exclude-assisted compares what people coded unaided"
        }
    }

    /// Below this many codings of a code by any coder, its alpha is reported as resting
    /// on too few units to be called reliable.
    public static let fewUnits = 5

    /// How many codes are reliable, tentative, unreliable or undefined.
    public func count(_ reliability: Reliability) -> Int { codes.filter { $0.reliability == reliability }.count }

    /// Computes the report from a store.
    public static func compute(_ store: some CodingStore, _ options: Options) throws -> AgreementReport {
        let input = try AgreementInput(store, options)
        var codes: [CodeAgreement] = []
        var stretches: [AgreementBootstrap.Stretches] = []
        let progress = WorkProgress("comparing the coders code by code", total: input.codes.count)
        for code in input.codes {
            defer { progress.advance() }
            var codeStretches = AgreementBootstrap.Stretches(coders: input.coders.count)
            var pooled: Figures?
            var perDocument: [(String, Figures)] = []
            var documentLevel = BinaryUnits(coders: input.coders.count)
            var frequency = CodeAgreement.FrequencyLevel()
            var used: [[Bool]] = []
            for document in input.documents {
                let ranges = input.ranges(code: code.id, document: document.id)
                if options.bootstrap != nil { codeStretches.add(length: document.length, ranges: ranges) }
                let figures = Self.figures(length: document.length, ranges: ranges, threshold: options.threshold)
                perDocument.append((document.name, figures))
                pooled = pooled.map { Self.add($0, figures) } ?? figures
                let users = ranges.map { !$0.isEmpty }
                used.append(users)
                let same = Set(ranges.map(\.count)).count == 1
                frequency.documents += 1
                frequency.sameCount += same ? 1 : 0
                if users.contains(true) {
                    frequency.documentsCoded += 1
                    frequency.sameCountCoded += same ? 1 : 0
                }
                documentLevel.add(1, yes: users.filter { $0 }.count)
            }
            let levelTable =
                input.coders.count == 2
                ? TwoByTwo(
                    both: used.filter { $0[0] && $0[1] }.count, aOnly: used.filter { $0[0] && !$0[1] }.count,
                    bOnly: used.filter { !$0[0] && $0[1] }.count, neither: used.filter { !$0[0] && !$0[1] }.count) : nil
            codes.append(
                CodeAgreement(
                    code: code.path,
                    figures: pooled
                        ?? Self.figures(length: 0, ranges: input.coders.map { _ in [] }, threshold: options.threshold),
                    documents: perDocument, documentLevel: documentLevel, documentLevelTable: levelTable,
                    frequencyLevel: frequency))
            stretches.append(codeStretches)
        }
        if let bootstrap = options.bootstrap {
            // Each code has its own seeded generator: the codes may run on every core.
            let results = ResultSlots<AgreementBootstrap>(count: codes.count)
            let names = codes.map(\.code), resampled = stretches
            DispatchQueue.concurrentPerform(iterations: codes.count) { index in
                results[index] = AgreementBootstrap(resampled[index], options: bootstrap, name: names[index])
            }
            for index in codes.indices { codes[index].bootstrap = results[index] }
        }
        return AgreementReport(
            coders: input.coders, documents: input.documents.map(\.name),
            characters: input.documents.reduce(0) { $0 + $1.length }, codes: codes, bootstrap: options.bootstrap,
            independence: input.independence, leftOut: input.leftOut, assistance: input.assistance)
    }

    /// The figures of one document: `ranges[coder]` are that coder's codings.
    static func figures(length: Int, ranges: [[TextRange]], threshold: SegmentMatching.Threshold) -> Figures {
        let units = CharacterUnits.count(length: length, ranges: ranges)
        let two = ranges.count == 2
        return Figures(
            coverage: ranges.map { TextRange.coveredLength($0) }, segments: ranges.map(\.count), units: units,
            table: two ? CharacterUnits.table(length: length, a: ranges[0], b: ranges[1]) : nil,
            matching: two ? SegmentMatching.match(ranges[0], ranges[1], threshold: threshold) : nil)
    }

    /// Pools two documents' figures by adding their tables and counts.
    static func add(_ x: Figures, _ y: Figures) -> Figures {
        Figures(
            coverage: zip(x.coverage, y.coverage).map(+), segments: zip(x.segments, y.segments).map(+),
            units: x.units + y.units,
            table: x.table.flatMap { a in
                y.table.map { b in
                    TwoByTwo(
                        both: a.both + b.both, aOnly: a.aOnly + b.aOnly, bOnly: a.bOnly + b.bOnly,
                        neither: a.neither + b.neither)
                }
            },
            matching: x.matching.flatMap { a in y.matching.map { a + $0 } })
    }
}

/// The codings an agreement report compares, grouped by code, document and coder.
struct AgreementInput {
    var coders: [String]
    var documents: [DocumentInfo]
    var codes: [Code]
    /// Whether the codings compared were made blind.
    var independence = AgreementReport.Independence()
    /// Which of them were accepted from an AI assistant's proposals.
    var assistance = AgreementReport.Assistance()
    /// Documents left out because a coder has not coded them.
    var leftOut: [LeftOutDocument] = []
    /// (code, document) → per coder, that coder's ranges.
    private var grouped: [Int64: [Int64: [[TextRange]]]] = [:]

    init(_ store: some CodingStore, _ options: AgreementReport.Options) throws {
        guard try CoderList.checked(options.coders).count >= 2 else { throw EngineError.tooFewCoders }
        let names = try store.coderNames()
        let idOf = Dictionary(names.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let coderIDs = try options.coders.map { name -> Int64 in
            guard let id = idOf[name] else { throw EngineError.unknownCoder(name, known: names.values.sorted()) }
            return id
        }
        coders = options.coders
        let allDocuments = try store.documents()
        for name in options.documents where !allDocuments.contains(where: { $0.name == name }) {
            throw EngineError.unknownDocument(name)
        }
        documents =
            options.documents.isEmpty ? allDocuments : allDocuments.filter { options.documents.contains($0.name) }
        let spans = try store.codingSpans(coder: nil)
        if !options.allDocuments {
            (documents, leftOut) = try LeftOutDocument.compared(
                documents, spans: spans, coders: options.coders, ids: coderIDs, store)
        }
        let documentIDs = Set(documents.map(\.id))
        let codebook = try store.codebook()
        var chosen: Set<Int64>?
        if !options.codes.isEmpty {
            chosen = []
            for path in options.codes {
                guard let code = codebook.code(path: path) else { throw EngineError.unknownCode(path) }
                chosen?.formUnion(codebook.subtree(of: code.id).map(\.id))
            }
        }
        let coderIndex = Dictionary(coderIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var texts: [Int64: ScalarText] = [:]
        if options.trim {
            for document in documents { texts[document.id] = ScalarText(try store.document(named: document.name).text) }
        }
        var usedCodes = Set<Int64>()
        let independence = try store.independence()
        let assisted = try store.assistance()
        for span in spans {
            guard let coder = coderIndex[span.coderID], documentIDs.contains(span.documentID),
                chosen?.contains(span.codeID) ?? true
            else { continue }
            let independent = independence[span]
            if options.independentOnly, independent != true {
                self.independence.leftOut += 1
                continue
            }
            if let source = assisted[span] {
                guard !options.excludeAssisted else {
                    assistance.leftOut += 1
                    continue
                }
                assistance.accepted[source, default: 0] += 1
            }
            switch independent {
            case true?: self.independence.independent += 1
            case false?: self.independence.seeingOthers += 1
            case nil: self.independence.unknown += 1
            }
            var range = TextRange(span.start, span.end)
            if let text = texts[span.documentID] {
                range = AgreementInput.trimmed(range, in: text)
                guard range.length > 0 else { continue }
            }
            usedCodes.insert(span.codeID)
            var perCoder =
                grouped[span.codeID, default: [:]][span.documentID] ?? Array(repeating: [], count: coderIDs.count)
            perCoder[coder].append(range)
            grouped[span.codeID, default: [:]][span.documentID] = perCoder
        }
        codes = codebook.codes.filter { code in
            code.codable && (chosen.map { $0.contains(code.id) } ?? usedCodes.contains(code.id))
        }
    }

    func ranges(code: Int64, document: Int64) -> [[TextRange]] {
        grouped[code]?[document] ?? Array(repeating: [], count: coders.count)
    }

    /// `range` without white space and punctuation at its edges.
    static func trimmed(_ range: TextRange, in text: ScalarText) -> TextRange {
        func isEdge(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || (s.properties.generalCategory.isPunctuation)
        }
        var start = max(0, range.start), end = min(range.end, text.length)
        while start < end, isEdge(text[start]) { start += 1 }
        while end > start, isEdge(text[end - 1]) { end -= 1 }
        return TextRange(start, end)
    }
}

private extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }
}
