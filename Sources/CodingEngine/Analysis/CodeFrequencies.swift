/// Per-case (or per-document, or per-coder) code frequencies: how often each code
/// was applied, in how many documents, how many characters it covers and what share
/// of the text that is.
///
/// Counts are per coder, never summed across coders. A coder's overlapping ranges
/// of one code are counted once. A code with codes below it aggregates them (its own
/// codings and theirs, their ranges unioned) and is marked `aggregate`.
public enum CodeFrequencies {
    /// What the rows are grouped by.
    public enum Grouping: String, CaseIterable, Sendable {
        case `case`, document, coder
    }

    /// One cell of the frequency table.
    public struct Row: Equatable, Sendable {
        /// The case, document or coder the row belongs to.
        public var group: String
        /// The case of a document row (nil for other groupings).
        public var caseName: String?
        /// The code's path.
        public var code: String
        public var coder: String
        /// Codings of this code (and, for an aggregate, of the codes below it).
        public var codings: Int
        /// Documents containing the code.
        public var documents: Int
        /// Characters (Unicode scalars) coded, a coder's overlaps counted once.
        public var characters: Int
        /// `characters` divided by the characters of the group's documents.
        public var coverage: Double
        /// True when the row includes the codes below this one.
        public var aggregate: Bool
    }

    /// The frequency table of `store`, rows in group, code (tree order), coder order.
    /// Every code appears for every coder who coded in the group, with zeros where
    /// the coder did not use it.
    ///
    /// One pass over the codings, sorted by document, coder and start: for each code
    /// (and each code above it) the current run of overlapping ranges is extended or
    /// closed, so a coder's overlaps are counted once without building range lists.
    public static func compute(_ store: some CodingStore, by grouping: Grouping, coder: String? = nil) throws -> [Row] {
        let documents = try store.documentSizes()
        let codebook = try store.codebook()
        let coderNames = try store.coderNames()
        let spans = try store.codingSpans(coder: coder)

        // Coders, codes and groups as dense indices.
        // The coders who coded (spans come coder by coder within a document: few changes).
        var coderIDs: [Int64] = []
        var lastCoder: Int64?
        for span in spans where span.coderID != lastCoder {
            lastCoder = span.coderID
            if !coderIDs.contains(span.coderID) { coderIDs.append(span.coderID) }
        }
        coderIDs.sort { (coderNames[$0] ?? "") < (coderNames[$1] ?? "") }
        // Ids are small integers: index arrays by them, not dictionaries (one lookup
        // of each kind per coding, hundreds of thousands of codings).
        let coderIndex = DenseIndex(coderIDs)
        let codeIndex = DenseIndex(codebook.codes.map(\.id))
        let lineage: [[Int]] = codebook.codes.map { code in
            ([code.id] + codebook.ancestors(of: code.id)).compactMap { codeIndex[$0] }
        }
        var groups: [String] = []
        var groupLength: [Int] = []
        var groupCase: [String?] = []
        let documentIndex = DenseIndex(documents.map(\.id))
        var documentGroup: [Int] = []
        switch grouping {
        case .case, .document:
            var indexOf: [String: Int] = [:]
            for document in documents {
                let name = grouping == .case ? document.caseName : document.name
                let index =
                    indexOf[name]
                    ?? {
                        groups.append(name)
                        groupLength.append(0)
                        groupCase.append(grouping == .document ? document.caseName : nil)
                        indexOf[name] = groups.count - 1
                        return groups.count - 1
                    }()
                groupLength[index] += document.length
                documentGroup.append(index)
            }
        case .coder:
            let total = documents.reduce(0) { $0 + $1.length }
            groups = coderIDs.map { coderNames[$0] ?? "?" }
            groupLength = Array(repeating: total, count: groups.count)
            groupCase = Array(repeating: nil, count: groups.count)
        }

        let codeCount = codebook.codes.count, coderCount = coderIDs.count
        let cellCount = groups.count * codeCount * coderCount
        var codings = [Int](repeating: 0, count: cellCount)
        var characters = [Int](repeating: 0, count: cellCount)
        var documentCount = [Int](repeating: 0, count: cellCount)
        var codedInGroup = [Bool](repeating: false, count: groups.count * max(coderCount, 1))
        func cell(_ group: Int, _ code: Int, _ coder: Int) -> Int { (group * codeCount + code) * coderCount + coder }

        // The open run of each code within the current (document, coder).
        var runStart = [Int](repeating: 0, count: codeCount)
        var runEnd = [Int](repeating: -1, count: codeCount)
        var touched: [Int] = []
        var current: (document: Int64, coder: Int, group: Int)?
        func closeRuns() {
            guard let open = current else { return }
            for code in touched {
                let c = cell(open.group, code, open.coder)
                characters[c] += runEnd[code] - runStart[code]
                documentCount[c] += 1
                runEnd[code] = -1
            }
            touched.removeAll(keepingCapacity: true)
        }
        for span in spans {
            guard let coder = coderIndex[span.coderID], let code = codeIndex[span.codeID] else { continue }
            let group = grouping == .coder ? coder : (documentIndex[span.documentID].map { documentGroup[$0] } ?? -1)
            guard group >= 0 else { continue }
            if current?.document != span.documentID || current?.coder != coder {
                closeRuns()
                current = (span.documentID, coder, group)
                codedInGroup[group * coderCount + coder] = true
            }
            for target in lineage[code] {
                codings[cell(group, target, coder)] += 1
                if runEnd[target] < 0 {
                    runStart[target] = span.start
                    runEnd[target] = span.end
                    touched.append(target)
                } else if span.start > runEnd[target] {
                    characters[cell(group, target, coder)] += runEnd[target] - runStart[target]
                    runStart[target] = span.start
                    runEnd[target] = span.end
                } else {
                    runEnd[target] = max(runEnd[target], span.end)
                }
            }
        }
        closeRuns()

        var rows: [Row] = []
        for (group, name) in groups.enumerated() {
            for (code, definition) in codebook.codes.enumerated() {
                let aggregate = codebook.hasChildren(definition.id)
                for coder in 0..<coderCount where codedInGroup[group * coderCount + coder] {
                    let c = cell(group, code, coder)
                    let length = groupLength[group]
                    rows.append(
                        Row(
                            group: name, caseName: groupCase[group], code: definition.path,
                            coder: coderNames[coderIDs[coder]] ?? "?", codings: codings[c],
                            documents: documentCount[c], characters: characters[c],
                            coverage: length > 0 ? Double(characters[c]) / Double(length) : 0,
                            aggregate: aggregate))
                }
            }
        }
        return rows
    }
}
