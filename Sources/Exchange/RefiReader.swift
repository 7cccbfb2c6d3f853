import CodingEngine
import Foundation

/// What a REFI-QDA project document says, read in the order the file gives it, so
/// that each source can be stored as soon as its XML closes: `opening` reads the
/// users, codebook, variables and cases (which the schema puts before the sources),
/// `source` each source with its selections, `closing` the notes, links and the
/// rest. What refers to notes (which come after the sources) waits for `closing`:
/// memos on codes, cases and documents, and codings whose memo is a note.
///
/// Positions are converted once the position unit is known (`PositionVote`): until
/// then documents are given without their codings, which come with a later one.
///
/// Used by one thread at a time: the thread that parses the document.
final class RefiReader: @unchecked Sendable {
    /// A document read, and the codings ready to store with it (its own, or those of
    /// earlier documents that waited for the position unit).
    typealias Piece = (transcript: Transcript?, codings: [NewCoding])

    private(set) var report = RefiImport.Report()
    private let path: String
    private let part: String
    private var archive: SafeArchive
    private let reading: RefiText.Reading
    /// Texts read from entries that are not `.txt` files (sources sharing one share it).
    private var otherTexts: [String: Result<RefiText, RefiText.Problem>] = [:]

    private var origin = ""
    private var users: [String: String] = [:]
    private var defaultCoder = "imported"
    private var codePaths: [String: String] = [:]
    private var caseOfSource: [String: String] = [:]
    /// The project's variables by GUID: name and type (for cases' and sources' values).
    private var variables: [String: (name: String, type: String)] = [:]
    private var documentNames = UniqueNames()
    /// Each TextSource read: its document's name (links to sources name them by GUID).
    private var sourceNames: [String: String] = [:]
    private var coders = Set<String>()
    private var codingMemos = 0

    /// A memo as the file gives it: its text, or the notes it refers to.
    private enum PendingMemo {
        case text(Memo.Target, String, coder: String?)
        case notes(Memo.Target, [String?])
    }
    private var memos: [PendingMemo] = []
    /// A memo's parts on a selection or coding: its Description and its notes.
    private struct MemoParts {
        var description: String?
        var noteRefs: [String?]
    }
    /// Codings whose memo refers to notes, stored with the closing.
    private var waitingForNotes: [(coding: NewCoding, selection: MemoParts?, own: MemoParts?)] = []

    /// A source whose codings are not converted yet.
    private struct Source {
        var element: XMLTree
        var name: String
        var text: SourceText
        /// The stored text's length.
        var length: Int
        var selections: [RefiSelections.Selection]
    }
    private var undecided: [Source] = []
    private var vote = PositionVote()
    private var utf16: Bool?

    init(path: String, part: String, archive: SafeArchive, reading: RefiText.Reading) {
        self.path = path
        self.part = part
        self.archive = archive
        self.reading = reading
    }

    private func fail(_ element: XMLTree, _ problem: String) -> ExchangeError { fail(line: element.line, problem) }
    private func fail(line: Int, _ problem: String) -> ExchangeError {
        .invalid(path: path, part: part, line: line, problem: problem)
    }

    private func coder(_ guid: String?) -> String { RefiImport.guid(guid).flatMap { users[$0] } ?? defaultCoder }

    /// An element's own `<Description>`, trimmed, or nil.
    private func description(_ element: XMLTree) -> String? { trimmed(element.first("Description")?.text) }
    /// A `<Description>`'s text, trimmed, or nil when there is none or it is blank.
    private func trimmed(_ description: String?) -> String? {
        description.map { Name.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: Opening

    /// The users, codebook and cases: `root` with the children before its sources.
    func opening(_ root: XMLTree) throws -> ProjectBundle {
        guard root.name == "Project" else { throw fail(root, "the root element is <\(root.name)>, not <Project>") }
        origin = root["origin"] ?? ""
        var bundle = ProjectBundle()
        for user in root.first("Users")?.all("User") ?? [] {
            guard let id = RefiImport.guid(user["guid"]) else { continue }
            users[id] = user["name"].flatMap { $0.isEmpty ? nil : $0 } ?? user["id"] ?? "user-" + id.prefix(8)
        }
        defaultCoder = RefiImport.guid(root["creatingUserGUID"]).flatMap { users[$0] } ?? "imported"

        // Codes.
        var siblingNames: [String: UniqueNames] = [:]
        func readCodes(_ elements: [XMLTree], parent: String?, depth: Int) throws {
            for element in elements {
                guard depth <= Codebook.maximumDepth else {
                    throw fail(element, "codes nested more than \(Codebook.maximumDepth) levels deep")
                }
                let name = siblingNames[parent ?? "", default: UniqueNames()].claim(Name.codeName(element["name"]))
                let path = parent.map { $0 + "/" + name } ?? name
                let colour = element["color"].flatMap(CodebookFile.normalizedColor) ?? CodebookFile.fallbackColor
                let definition = CodeDefinition(
                    name: name,
                    description: element.first("Description").map { Name.trimmed($0.text) } ?? "",
                    color: colour, codable: element["isCodable"].map { $0 != "false" && $0 != "0" } ?? true,
                    line: element.line, guid: RefiImport.guid(element["guid"]))
                bundle.codes.append((path, definition))
                if let id = RefiImport.guid(element["guid"]) { codePaths[id] = path }
                memos.append(.notes(.code(path), element.all("NoteRef").map { $0["targetGUID"] }))
                try readCodes(element.all("Code"), parent: path, depth: depth + 1)
            }
        }
        try readCodes(root.first("CodeBook")?.first("Codes")?.all("Code") ?? [], parent: nil, depth: 0)
        report.codes = bundle.codes.count

        // Variables and cases.
        for variable in root.first("Variables")?.all("Variable") ?? [] {
            if let id = RefiImport.guid(variable["guid"]) {
                variables[id] = (variable["name"] ?? "variable", variable["typeOfVariable"] ?? "Text")
            }
        }
        var caseNames = UniqueNames()
        for element in root.first("Cases")?.all("Case") ?? [] {
            let name = caseNames.claim(
                element["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "Case "
                    + (RefiImport.guid(element["guid"])?.prefix(8) ?? ""))
            var attributes: [CaseAttribute] = []
            for value in element.all("VariableValue") {
                guard
                    let variable = RefiImport.guid(value.first("VariableRef")?["targetGUID"]).flatMap({ variables[$0] })
                else { continue }
                if let typed = try RefiImport.attribute(value, fail: fail) {
                    attributes.append(CaseAttribute(key: variable.name, value: typed))
                }
            }
            bundle.cases.append((name, attributes, RefiImport.guid(element["guid"])))
            if let memo = description(element) { memos.append(.text(.case(name), memo, coder: nil)) }
            memos.append(.notes(.case(name), element.all("NoteRef").map { $0["targetGUID"] }))
            for ref in element.all("SourceRef") {
                if let id = RefiImport.guid(ref["targetGUID"]), caseOfSource[id] == nil { caseOfSource[id] = name }
            }
        }
        report.cases = bundle.cases.count
        return bundle
    }

    // MARK: Sources

    /// One child of `<Sources>` with its selections: its document, or nil for a
    /// source intertwine does not keep (reported as skipped).
    func source(_ element: XMLTree, _ selections: [RefiSelections.Selection]) throws -> Piece? {
        let label = element["name"] ?? element["guid"] ?? "?"
        guard element.name == "TextSource" else {
            report.skipped.append(
                "\(label): \(element.name.replacingOccurrences(of: "Source", with: "").lowercased()) source (intertwine codes text)"
            )
            return nil
        }
        guard let id = RefiImport.guid(element["guid"]) else { throw fail(element, "a TextSource without a guid") }
        let read: Result<RefiText, RefiText.Problem>
        if let content = element.first("PlainTextContent") {
            read = RefiText.read(Data(content.text.utf8))
        } else if let file = element["plainTextPath"].flatMap({ RefiImport.internalFile($0) }), let found = text(file) {
            read = found
        } else {
            report.skipped.append(
                "\(label): its text is outside the archive (\(element["plainTextPath"] ?? "no plainTextPath"))")
            return nil
        }
        let text: RefiText
        switch read {
        case .success(let read): text = read
        case .failure(.notUTF8(let byte)):
            throw fail(element, "the text of source \"\(label)\" is not UTF-8 (byte \(byte))")
        case .failure(.nul(let byte)):
            throw fail(element, "the text of source \"\(label)\" holds a NUL byte (byte \(byte)), which text never has")
        }
        let name = documentNames.claim(
            (element["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "source-" + id.prefix(8))
                .replacingOccurrences(of: "/", with: "-"))
        sourceNames[id] = name
        if utf16 == nil {
            vote.add(selections, text.text)
            if vote.decided { utf16 = vote.verdict(origin: origin) }
        }
        var result = text.transcript
        if var transcript = result {
            transcript.name = name
            transcript.caseName = caseOfSource[id] ?? RefiImport.unassignedCase
            transcript.sourcePath = "\(path)#\(id)"
            transcript.guid = id
            // A source's variables are the document's properties (title, participant, date…).
            for value in element.all("VariableValue") {
                guard
                    let variable = RefiImport.guid(value.first("VariableRef")?["targetGUID"]).flatMap({ variables[$0] }
                    ),
                    let typed = try RefiImport.attribute(value, fail: fail),
                    !transcript.frontMatter.documentProperties.contains(where: { $0.key == variable.name })
                else { continue }
                if variable.name == RefiTurnTimes.variable {
                    RefiTurnTimes.apply(typed.description, to: &transcript.turns)
                    continue
                }
                transcript.frontMatter.documentProperties.append(CaseAttribute(key: variable.name, value: typed))
            }
            report.sources += 1
            // A source's Description is a memo on the document, by whoever made the source.
            if let memo = description(element) {
                memos.append(.text(.document(name), memo, coder: element["creatingUser"].map { coder($0) }))
            }
            memos.append(.notes(.document(name), element.all("NoteRef").map { $0["targetGUID"] }))
            undecided.append(
                Source(element: element, name: name, text: text.text, length: transcript.length, selections: selections)
            )
            result = transcript
        } else {
            report.skipped.append("\(name): empty text")
        }
        return (result, try convertUndecided())
    }

    /// The text file `file` (its folder's name matched without regard to case): as
    /// read while the document is parsed, or read now (a file not named `.txt`).
    private func text(_ file: String) -> Result<RefiText, RefiText.Problem>? {
        if let name = archive.name(of: file), let data = archive.take(name) {
            otherTexts[name] = RefiText.read(data)
            return otherTexts[name]
        }
        return reading.text(matching: file) ?? RefiImport.entry(file, in: otherTexts)
    }

    /// The codings of the sources read so far, once the position unit is known.
    private func convertUndecided() throws -> [NewCoding] {
        guard let utf16, !undecided.isEmpty else { return [] }
        defer { undecided = [] }
        var codings: [NewCoding] = []
        for source in undecided { try convert(source, utf16: utf16, into: &codings) }
        return codings
    }

    private func convert(_ source: Source, utf16: Bool, into codings: inout [NewCoding]) throws {
        let text = source.text
        // Codings of the whole source.
        for coding in source.element.all("Coding") {
            guard let code = RefiImport.guid(coding.first("CodeRef")?["targetGUID"]).flatMap({ codePaths[$0] }) else {
                throw fail(coding, "a coding of source \"\(source.name)\" refers to a code that is not in the codebook")
            }
            let who = coder(coding["creatingUser"])
            coders.insert(who)
            let parts = MemoParts(
                description: description(coding), noteRefs: coding.all("NoteRef").map { $0["targetGUID"] })
            keep(
                Self.unknownIndependence(
                    NewCoding(
                        document: source.name, range: TextRange(0, source.length), code: code, coder: who,
                        memo: nil, guid: RefiImport.guid(coding["guid"]))),
                selection: nil, own: parts, into: &codings)
        }
        for selection in source.selections {
            guard let start = selection.start.flatMap({ Int($0) }), let end = selection.end.flatMap({ Int($0) }),
                let from = text.offset(start, utf16: utf16), let to = text.offset(end, utf16: utf16), to > from
            else {
                throw fail(
                    line: selection.line,
                    "the selection \(selection.guid ?? "") in \"\(source.name)\" runs from \(selection.start ?? "?") to \(selection.end ?? "?"), outside its text of \(text.count) characters"
                )
            }
            let selectionParts =
                selection.description == nil && selection.noteRefs.isEmpty
                ? nil : MemoParts(description: trimmed(selection.description), noteRefs: selection.noteRefs)
            for coding in selection.codings {
                guard let code = RefiImport.guid(coding.codeRef).flatMap({ codePaths[$0] }) else {
                    throw fail(
                        line: coding.line, "a coding in \"\(source.name)\" refers to a code that is not in the codebook"
                    )
                }
                let who = coder(coding.creatingUser ?? selection.creatingUser)
                coders.insert(who)
                let own =
                    coding.description == nil && coding.noteRefs.isEmpty
                    ? nil : MemoParts(description: trimmed(coding.description), noteRefs: coding.noteRefs)
                keep(
                    Self.unknownIndependence(
                        NewCoding(
                            document: source.name, range: TextRange(from, to), code: code, coder: who,
                            memo: nil, guid: RefiImport.guid(coding.guid))),
                    selection: selectionParts, own: own, into: &codings)
            }
        }
    }

    /// A coding from another tool: nobody knows whether it was made blind.
    static func unknownIndependence(_ coding: NewCoding) -> NewCoding {
        var coding = coding
        coding.independence = .recorded(nil)
        return coding
    }

    /// `coding` with its memo, now, or with the closing when the memo refers to notes.
    private func keep(_ coding: NewCoding, selection: MemoParts?, own: MemoParts?, into codings: inout [NewCoding]) {
        report.codings += 1
        guard selection?.noteRefs.isEmpty ?? true, own?.noteRefs.isEmpty ?? true else {
            waitingForNotes.append((coding, selection, own))
            return
        }
        var coding = coding
        coding.memo = memo(selection: selection, own: own, notes: nil)
        if coding.memo != nil { codingMemos += 1 }
        codings.append(coding)
    }

    /// A coding's memo: its selection's, then its own, each text once.
    private func memo(selection: MemoParts?, own: MemoParts?, notes: NoteBook?) -> String? {
        func joined(_ parts: MemoParts?) -> String? {
            guard let parts else { return nil }
            var texts: [String] = []
            for text in [parts.description].compactMap({ $0 }) + parts.noteRefs.compactMap({ notes?.take($0)?.text })
            where !texts.contains(text) { texts.append(text) }
            return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
        }
        let memo =
            switch (joined(selection), joined(own)) {
            case (nil, nil): String?.none
            case (let one?, nil), (nil, let one?): one
            case (let first?, let second?): first == second ? first : first + "\n\n" + second
            }
        return memo?.isEmpty == true ? nil : memo
    }

    // MARK: Closing

    /// Everything after the sources: notes and what refers to them, links, the
    /// project's memos, history and saved queries, and the codings that waited.
    func closing(_ root: XMLTree) throws -> ProjectBundle {
        var bundle = ProjectBundle()
        if utf16 == nil {
            utf16 = vote.verdict(origin: origin)
            bundle.codings = try convertUndecided()
        }
        report.positions = utf16 == true ? "UTF-16 units" : "code points"

        // Notes.
        let (texts, refused) = reading.wait()
        let notes = NoteBook()
        for note in root.first("Notes")?.all("Note") ?? [] {
            guard let id = RefiImport.guid(note["guid"]) else { continue }
            var text = note.first("PlainTextContent")?.text ?? ""
            if text.isEmpty, let file = note["plainTextPath"].flatMap({ RefiImport.internalFile($0) }) {
                // A text file read ahead (as a source's would be), or another file.
                if let data = archive.file(file) ?? RefiImport.entry(file, in: refused) {
                    text = String(decoding: data, as: UTF8.self)
                } else if case .success(let read)? = RefiImport.entry(file, in: texts)
                    ?? RefiImport.entry(file, in: otherTexts)
                {
                    text = read.text.stored
                }
            }
            if text.isEmpty { text = note["name"] ?? "" }
            notes.add(id, text: text, coder: note["creatingUser"].map { coder($0) })
        }
        for memo in memos {
            switch memo {
            case .text(let target, let text, let coder): bundle.memos.append((target, text, coder, nil))
            case .notes(let target, let refs):
                for ref in refs {
                    if let note = notes.take(ref) { bundle.memos.append((target, note.text, note.coder, note.guid)) }
                }
            }
        }
        memos = []
        for (coding, selection, own) in waitingForNotes {
            var coding = coding
            coding.memo = memo(selection: selection, own: own, notes: notes)
            if coding.memo != nil { codingMemos += 1 }
            bundle.codings.append(coding)
        }
        waitingForNotes = []

        // Memos linked by <Links> (NVivo): note → source, code or project.
        for link in root.first("Links")?.all("Link") ?? [] {
            guard let origin = RefiImport.guid(link["originGUID"]), let target = RefiImport.guid(link["targetGUID"])
            else { continue }
            let (noteID, other) = notes[origin] != nil ? (origin, target) : (target, origin)
            guard let note = notes[noteID] else { continue }
            if let name = sourceNames[other] {
                bundle.memos.append((.document(name), note.text, note.coder, note.guid))
                notes.taken.insert(noteID)
            } else if let path = codePaths[other] {
                bundle.memos.append((.code(path), note.text, note.coder, note.guid))
                notes.taken.insert(noteID)
            }
        }
        for ref in root.all("NoteRef") {
            guard let note = notes.take(ref["targetGUID"]) else { continue }
            if let history = HistoryText.parse(note.text) {
                bundle.history += history
                continue
            }
            if let queries = QueriesText.parse(note.text) {
                bundle.queries += queries
                continue
            }
            if let settlements = SettlementsText.parse(note.text) {
                bundle.settlements += settlements
                continue
            }
            bundle.memos.append((.project, note.text, note.coder, note.guid))
        }
        if let memo = description(root) { bundle.memos.append((.project, memo, nil, nil)) }
        // Notes attached to nothing intertwine keeps (a journal, a set's or a graph's note) are project memos.
        var loose = 0
        for note in notes.untaken {
            if let history = HistoryText.parse(note.text) { bundle.history += history; continue }
            if let queries = QueriesText.parse(note.text) { bundle.queries += queries; continue }
            if let settlements = SettlementsText.parse(note.text) { bundle.settlements += settlements; continue }
            bundle.memos.append((.project, note.text, note.coder, note.guid))
            loose += 1
        }
        if loose > 0 {
            report.skipped.append(
                "\(Words.count(loose, "note")) attached to nothing intertwine keeps (journals, sets, graphs): kept as project memos"
            )
        }
        // The same text twice on one target is one memo (as storing keeps it).
        var seen = Set<String>()
        bundle.memos = bundle.memos.filter { seen.insert("\($0.target)|\($0.text)").inserted }
        bundle.coders = coders.sorted()
        report.coders = coders.count
        report.memos = bundle.memos.count + codingMemos
        report.queries = bundle.queries.count
        // A saved query is run later as it is: one that does not read (nested 20,000
        // deep, say) is refused now, with the file, rather than failing when run.
        for query in bundle.queries {
            do {
                _ = try QueryParser.parse(query.expression)
            } catch {
                throw fail(
                    line: 1,
                    "the saved query \"\(query.name)\" in the note \"\(QueriesText.noteName)\" does not read: \(error)")
            }
        }
        if let sets = root.first("Sets")?.all("Set"), !sets.isEmpty {
            report.skipped.append("\(sets.count) sets (not kept by intertwine yet)")
        }
        return bundle
    }
}

/// The project's notes by GUID, and which were brought in on what they are
/// attached to (the rest become project memos).
private final class NoteBook {
    typealias Note = (text: String, coder: String?, guid: String)
    private var notes: [String: Note] = [:]
    private var order: [String] = []
    var taken = Set<String>()

    func add(_ id: String, text: String, coder: String?) {
        if notes[id] == nil { order.append(id) }
        notes[id] = (text, coder, id)
    }

    subscript(id: String) -> Note? { notes[id] }

    /// The note `ref` refers to, marked as brought in.
    func take(_ ref: String?) -> Note? {
        guard let id = RefiImport.guid(ref), let found = notes[id] else { return nil }
        taken.insert(id)
        return found
    }

    /// The notes not brought in on anything, in file order.
    var untaken: [Note] { order.filter { !taken.contains($0) }.compactMap { notes[$0] } }
}
