import CodingEngine

/// What a pseudonymised export needs beyond the pseudonym table: each document's text
/// pseudonymised once (its offsets mapped), and the last check that nothing written
/// carries a real name.
public struct PseudonymisedExport {
    public var pseudonymiser: Pseudonymiser { documents.pseudonymiser }
    /// The documents' texts pseudonymised, and passages mapped onto them.
    public var documents: PseudonymisedDocuments

    public init(_ project: Project, pseudonymiser: Pseudonymiser) {
        documents = PseudonymisedDocuments(project, pseudonymiser: pseudonymiser)
    }

    /// `extracts` as a pseudonymised export writes them: every name, attribute, speaker,
    /// memo and origin with its real names replaced; each passage's offsets mapped onto
    /// its document's pseudonymised text and its text cut from there (a passage that
    /// cut into a name holds the whole pseudonym).
    public mutating func extracts(_ extracts: [Extract]) throws -> [Extract] {
        let replace = pseudonymiser
        return try extracts.map { extract in
            var written = extract
            let passage = try documents.passage(extract.document, TextRange(extract.start, extract.end))
            written.start = passage.range.start
            written.end = passage.range.end
            written.text = passage.text
            written.caseName = replace(extract.caseName)
            written.caseAttributes = extract.caseAttributes.map { Self.attribute($0, replace) }
            written.document = replace(extract.document)
            written.speaker = extract.speaker.map { replace($0) }
            written.code = replace(extract.code)
            written.coder = replace(extract.coder)
            written.memo = extract.memo.map { replace($0) }
            written.origin = extract.origin.map { replace($0) }
            return written
        }
    }

    /// An attribute with its text pseudonymised (numbers, dates and booleans as they are).
    static func attribute(_ attribute: CaseAttribute, _ replace: Pseudonymiser) -> CaseAttribute {
        guard case .text(let value) = attribute.value else { return attribute }
        return CaseAttribute(key: replace(attribute.key), value: .text(replace(value)))
    }

    /// Refuses `output` when a real name of the table is still in it, naming the names
    /// and `what` it is: the guard behind every pseudonymised export.
    public func check(_ output: String, _ what: String) throws {
        let found = pseudonymiser.realNames(in: output)
        guard found.isEmpty else { throw ExchangeError.realNamesLeft(what: what, names: found) }
    }
}

extension PseudonymisedExport {
    /// The codebook with its codes' names, paths and descriptions pseudonymised (a path is
    /// its names joined, so extracts pseudonymised alike still find their code).
    public func codebook(_ codebook: Codebook) -> Codebook {
        Codebook(
            codes: codebook.codes.map { code in
                var written = code
                written.name = pseudonymiser(code.name)
                written.path = pseudonymiser(code.path)
                written.description = pseudonymiser(code.description)
                return written
            })
    }

    /// Memos as a pseudonymised export writes them; a memo on a coding has its stretch
    /// mapped and its passage cut from the pseudonymised text.
    public mutating func memos(_ memos: [MemoEntry]) throws -> [MemoEntry] {
        let replace = pseudonymiser
        return try memos.map { memo in
            var written = memo
            written.target = replace(memo.target)
            written.coder = memo.coder.map { replace($0) }
            written.text = replace(memo.text)
            written.document = memo.document.map { replace($0) }
            written.caseName = memo.caseName.map { replace($0) }
            written.code = memo.code.map { replace($0) }
            written.passage = memo.passage.map { replace($0) }
            if let document = memo.document, let range = memo.range {
                let passage = try documents.passage(document, range)
                let mapped = passage.range
                written.range = mapped
                if memo.passage != nil { written.passage = passage.text }
                if memo.kind == .coding, let document = written.document, let code = written.code {
                    written.target = MemoEntry.codingTarget(document, mapped, code)
                }
            }
            return written
        }
    }

    /// The codebook's history with every name and value in it pseudonymised.
    public func history(_ entries: [HistoryEntry]) -> [HistoryEntry] {
        entries.map { entry in
            var written = entry
            written.who = pseudonymiser(entry.who)
            written.subject = pseudonymiser(entry.subject)
            written.before = entry.before.map { pseudonymiser($0) }
            written.after = entry.after.map { pseudonymiser($0) }
            written.detail = pseudonymiser(entry.detail)
            return written
        }
    }
}
