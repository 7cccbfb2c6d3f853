import CodingEngine
import Foundation

/// Reads a REFI-QDA project (`.qdpx`) as NVivo, MAXQDA, ATLAS.ti, QualCoder and
/// Taguette write it, into a `ProjectBundle` that the project stores in one
/// transaction.
///
/// Accepts any `urn:QDA-XML:project:*` namespace, `sources/` or `Sources/`, GUIDs in
/// either case or in braces, text in files or in `PlainTextContent`, memos by NoteRef
/// or by Links, several codings on one selection. Positions are code points; when a
/// file counted UTF-16 units (NVivo for Windows), the selections' names show it and
/// they are converted.
public struct RefiImport {
    /// What came in and what was skipped.
    public struct Report: Equatable, Sendable {
        public var sources = 0
        public var codes = 0
        public var codings = 0
        public var coders = 0
        public var memos = 0
        public var cases = 0
        /// Position unit the file used: "code points" or "UTF-16 units".
        public var positions = "code points"
        public var skipped: [String] = []
    }

    public var bundle = ProjectBundle()
    public var report = Report()

    /// The case for documents that belong to no case.
    public static let unassignedCase = "Unassigned"

    public init(path: String) throws {
        var archive = try SafeArchive(path: path)
        guard let qdeName = archive.files.keys.first(where: { $0.lowercased().hasSuffix(".qde") && !$0.contains("/") }) else {
            throw ExchangeError.missingPart(path: path, part: "project.qde")
        }
        // The text files are read on another thread while the document is parsed on this one.
        let reading = RefiText.Reading(&archive)
        let selections = RefiSelections()
        // The document is taken out of the archive, so that its memory goes once it is parsed.
        let root = try Self.parse(archive.take(qdeName)!, selections: selections, path: path, part: qdeName)
        let (texts, refused) = reading.wait()
        guard root.name == "Project" else {
            throw ExchangeError.invalid(path: path, part: qdeName, line: root.line, problem: "the root element is <\(root.name)>, not <Project>")
        }
        try read(root, selections: selections, archive: &archive, texts: texts, refused: refused, path: path, part: qdeName)
    }

    /// The project document's tree (its selections kept aside by `selections`).
    private static func parse(_ qde: Data, selections: RefiSelections, path: String, part: String) throws -> XMLTree {
        do {
            return try selections.tree(of: qde, part: part)
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
    }

    /// `guid` in lower case without braces (a reference that is not a well-formed
    /// GUID is still matched as written).
    static func guid(_ raw: String?) -> String? {
        guard let raw else { return nil }
        // The common case first: a well-formed GUID with nothing around it.
        if let guid = GUID.normalized(raw) { return guid }
        let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: " "))
        return GUID.normalized(trimmed) ?? trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).lowercased()
    }

    private mutating func read(_ root: XMLTree, selections: RefiSelections, archive: inout SafeArchive,
                               texts: [String: Result<RefiText, RefiText.Problem>], refused: [String: Data],
                               path: String, part: String) throws {
        var texts = texts
        func fail(_ element: XMLTree, _ problem: String) -> ExchangeError {
            fail(line: element.line, problem)
        }
        func fail(line: Int, _ problem: String) -> ExchangeError {
            .invalid(path: path, part: part, line: line, problem: problem)
        }
        // Users.
        var users: [String: String] = [:]
        for user in root.first("Users")?.all("User") ?? [] {
            guard let id = Self.guid(user["guid"]) else { continue }
            users[id] = user["name"].flatMap { $0.isEmpty ? nil : $0 } ?? user["id"] ?? "user-" + id.prefix(8)
        }
        let defaultCoder = Self.guid(root["creatingUserGUID"]).flatMap { users[$0] } ?? "imported"
        func coder(_ guid: String?) -> String { Self.guid(guid).flatMap { users[$0] } ?? defaultCoder }

        // Notes.
        var notes: [String: (text: String, coder: String?, guid: String)] = [:]
        var noteOrder: [String] = []
        // Notes brought in on what they are attached to; the rest become project memos.
        var taken = Set<String>()
        func note(_ ref: String?) -> (text: String, coder: String?, guid: String)? {
            guard let id = Self.guid(ref), let found = notes[id] else { return nil }
            taken.insert(id)
            return found
        }
        /// An element's own `<Description>`, trimmed, or nil.
        func description(_ element: XMLTree) -> String? { trimmed(element.first("Description")?.text) }
        /// A `<Description>`'s text, trimmed, or nil when there is none or it is blank.
        func trimmed(_ description: String?) -> String? {
            description.map { Name.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        for note in root.first("Notes")?.all("Note") ?? [] {
            guard let id = Self.guid(note["guid"]) else { continue }
            var text = note.first("PlainTextContent")?.text ?? ""
            if text.isEmpty, let file = note["plainTextPath"].flatMap({ Self.internalFile($0) }) {
                // A text file read ahead (as a source's would be), or another file.
                if let data = archive.file(file) ?? Self.entry(file, in: refused) {
                    text = String(decoding: data, as: UTF8.self)
                } else if case .success(let read)? = Self.entry(file, in: texts) {
                    text = read.text.stored
                }
            }
            if text.isEmpty { text = note["name"] ?? "" }
            if notes[id] == nil { noteOrder.append(id) }
            notes[id] = (text, note["creatingUser"].map { coder($0) }, id)
        }

        // Codes.
        var codePaths: [String: String] = [:]
        var siblingNames: [String: UniqueNames] = [:]
        func readCodes(_ elements: [XMLTree], parent: String?, depth: Int) throws {
            for element in elements {
                guard depth <= Codebook.maximumDepth else {
                    throw fail(element, "codes nested more than \(Codebook.maximumDepth) levels deep")
                }
                let name = siblingNames[parent ?? "", default: UniqueNames()].claim(Name.codeName(element["name"]))
                let path = parent.map { $0 + "/" + name } ?? name
                let colour = element["color"].flatMap(CodebookFile.normalizedColor) ?? CodebookFile.fallbackColor
                let definition = CodeDefinition(name: name,
                                                description: element.first("Description").map { Name.trimmed($0.text) } ?? "",
                                                color: colour, codable: element["isCodable"].map { $0 != "false" && $0 != "0" } ?? true,
                                                line: element.line, guid: Self.guid(element["guid"]))
                bundle.codes.append((path, definition))
                if let id = Self.guid(element["guid"]) { codePaths[id] = path }
                for ref in element.all("NoteRef") {
                    if let note = note(ref["targetGUID"]) { bundle.memos.append((.code(path), note.text, note.coder, note.guid)) }
                }
                try readCodes(element.all("Code"), parent: path, depth: depth + 1)
            }
        }
        try readCodes(root.first("CodeBook")?.first("Codes")?.all("Code") ?? [], parent: nil, depth: 0)
        report.codes = bundle.codes.count

        // Variables and cases.
        var variables: [String: (name: String, type: String)] = [:]
        for variable in root.first("Variables")?.all("Variable") ?? [] {
            if let id = Self.guid(variable["guid"]) { variables[id] = (variable["name"] ?? "variable", variable["typeOfVariable"] ?? "Text") }
        }
        var caseOfSource: [String: String] = [:]
        var caseNames = UniqueNames()
        for element in root.first("Cases")?.all("Case") ?? [] {
            let name = caseNames.claim(element["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "Case " + (Self.guid(element["guid"])?.prefix(8) ?? ""))
            var attributes: [CaseAttribute] = []
            for value in element.all("VariableValue") {
                guard let variable = Self.guid(value.first("VariableRef")?["targetGUID"]).flatMap({ variables[$0] }) else { continue }
                if let typed = try Self.attribute(value, fail: fail) { attributes.append(CaseAttribute(key: variable.name, value: typed)) }
            }
            bundle.cases.append((name, attributes, Self.guid(element["guid"])))
            if let memo = description(element) { bundle.memos.append((.case(name), memo, nil, nil)) }
            for ref in element.all("NoteRef") {
                if let note = note(ref["targetGUID"]) { bundle.memos.append((.case(name), note.text, note.coder, note.guid)) }
            }
            for ref in element.all("SourceRef") {
                if let id = Self.guid(ref["targetGUID"]), caseOfSource[id] == nil { caseOfSource[id] = name }
            }
        }
        report.cases = bundle.cases.count

        // Sources: read every text first, to decide the position unit.
        struct Pending { var element: XMLTree; var id: String; var name: String; var text: SourceText; var transcript: Transcript? }
        var pending: [Pending] = []
        var documentNames = UniqueNames()
        for element in root.first("Sources")?.children ?? [] {
            let label = element["name"] ?? element["guid"] ?? "?"
            guard element.name == "TextSource" else {
                report.skipped.append("\(label): \(element.name.replacingOccurrences(of: "Source", with: "").lowercased()) source (intertwine codes text)")
                continue
            }
            guard let id = Self.guid(element["guid"]) else { throw fail(element, "a TextSource without a guid") }
            let read: Result<RefiText, RefiText.Problem>
            if let content = element.first("PlainTextContent") {
                read = RefiText.read(Data(content.text.utf8))
            } else if let file = element["plainTextPath"].flatMap({ Self.internalFile($0) }), let found = Self.text(file, &texts, &archive) {
                read = found
            } else {
                report.skipped.append("\(label): its text is outside the archive (\(element["plainTextPath"] ?? "no plainTextPath"))")
                continue
            }
            let text: RefiText
            switch read {
            case .success(let read): text = read
            case .failure(.notUTF8(let byte)): throw fail(element, "the text of source \"\(label)\" is not UTF-8 (byte \(byte))")
            case .failure(.nul(let byte)): throw fail(element, "the text of source \"\(label)\" holds a NUL byte (byte \(byte)), which text never has")
            }
            let name = documentNames.claim((element["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "source-" + id.prefix(8))
                .replacingOccurrences(of: "/", with: "-"))
            pending.append(Pending(element: element, id: id, name: name, text: text.text, transcript: text.transcript))
        }
        let utf16 = Self.usesUTF16(pending.map { (selections.selections(of: $0.element), $0.text) }, origin: root["origin"] ?? "")
        report.positions = utf16 ? "UTF-16 units" : "code points"

        var coders = Set<String>()
        var unassignedAdded = bundle.cases.contains { $0.name == Self.unassignedCase }
        let progress = WorkProgress("reading sources and their codings", total: pending.count)
        for source in pending {
            defer { progress.advance() }
            let text = source.text
            guard var transcript = source.transcript else {
                report.skipped.append("\(source.name): empty text")
                continue
            }
            if caseOfSource[source.id] == nil, !unassignedAdded {
                bundle.cases.append((Self.unassignedCase, [], nil))
                unassignedAdded = true
            }
            transcript.name = source.name
            transcript.caseName = caseOfSource[source.id] ?? Self.unassignedCase
            transcript.sourcePath = "\(path)#\(source.id)"
            transcript.guid = source.id
            bundle.transcripts.append(transcript)
            let length = transcript.length
            // A memo on a selection or coding: its Description and the notes it refers to, each text once.
            func memosOf(_ element: XMLTree) -> String? {
                memos(description: description(element), noteRefs: element.all("NoteRef").map { $0["targetGUID"] })
            }
            func memos(description: String?, noteRefs: [String?]) -> String? {
                var texts: [String] = []
                for text in [description].compactMap({ $0 }) + noteRefs.compactMap({ note($0)?.text })
                    where !texts.contains(text) { texts.append(text) }
                return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
            }

            // A source's Description is a memo on the document, by whoever made the source.
            if let memo = description(source.element) {
                bundle.memos.append((.document(source.name), memo, source.element["creatingUser"].map { coder($0) }, nil))
            }
            for ref in source.element.all("NoteRef") {
                if let n = note(ref["targetGUID"]) { bundle.memos.append((.document(source.name), n.text, n.coder, n.guid)) }
            }
            // Codings of the whole source.
            for coding in source.element.all("Coding") {
                guard let code = Self.guid(coding.first("CodeRef")?["targetGUID"]).flatMap({ codePaths[$0] }) else {
                    throw fail(coding, "a coding of source \"\(source.name)\" refers to a code that is not in the codebook")
                }
                let who = coder(coding["creatingUser"])
                coders.insert(who)
                bundle.codings.append(NewCoding(document: source.name, range: TextRange(0, length), code: code, coder: who, memo: memosOf(coding),
                                                guid: Self.guid(coding["guid"])))
            }
            for selection in selections.selections(of: source.element) {
                guard let start = selection.start.flatMap({ Int($0) }), let end = selection.end.flatMap({ Int($0) }),
                      let from = text.offset(start, utf16: utf16), let to = text.offset(end, utf16: utf16), to > from else {
                    throw fail(line: selection.line, "the selection \(selection.guid ?? "") in \"\(source.name)\" runs from \(selection.start ?? "?") to \(selection.end ?? "?"), outside its text of \(text.count) characters")
                }
                let selectionMemo = selection.description == nil && selection.noteRefs.isEmpty
                    ? nil : memos(description: trimmed(selection.description), noteRefs: selection.noteRefs)
                for coding in selection.codings {
                    guard let code = Self.guid(coding.codeRef).flatMap({ codePaths[$0] }) else {
                        throw fail(line: coding.line, "a coding in \"\(source.name)\" refers to a code that is not in the codebook")
                    }
                    let who = coder(coding.creatingUser ?? selection.creatingUser)
                    coders.insert(who)
                    let codingMemo = coding.description == nil && coding.noteRefs.isEmpty
                        ? nil : memos(description: trimmed(coding.description), noteRefs: coding.noteRefs)
                    // Each text once: the selection's memo, then the coding's.
                    let memo = switch (selectionMemo, codingMemo) {
                    case (nil, nil): String?.none
                    case (let one?, nil), (nil, let one?): one
                    case (let first?, let second?): first == second ? first : first + "\n\n" + second
                    }
                    bundle.codings.append(NewCoding(document: source.name, range: TextRange(from, to), code: code, coder: who,
                                                    memo: memo?.isEmpty == true ? nil : memo, guid: Self.guid(coding.guid)))
                }
            }
            report.sources += 1
        }
        // Memos linked by <Links> (NVivo): note → source, code or project.
        for link in root.first("Links")?.all("Link") ?? [] {
            guard let origin = Self.guid(link["originGUID"]), let target = Self.guid(link["targetGUID"]) else { continue }
            let (noteID, other) = notes[origin] != nil ? (origin, target) : (target, origin)
            guard let note = notes[noteID] else { continue }
            if let source = pending.first(where: { $0.id == other }) {
                bundle.memos.append((.document(source.name), note.text, note.coder, note.guid))
                taken.insert(noteID)
            } else if let path = codePaths[other] {
                bundle.memos.append((.code(path), note.text, note.coder, note.guid))
                taken.insert(noteID)
            }
        }
        for ref in root.all("NoteRef") {
            guard let note = note(ref["targetGUID"]) else { continue }
            if let history = HistoryText.parse(note.text) {
                bundle.history += history
                continue
            }
            if let queries = QueriesText.parse(note.text) {
                bundle.queries += queries
                continue
            }
            bundle.memos.append((.project, note.text, note.coder, note.guid))
        }
        if let memo = description(root) { bundle.memos.append((.project, memo, nil, nil)) }
        // Notes attached to nothing intertwine keeps (a journal, a set's or a graph's note) are project memos.
        var loose = 0
        for id in noteOrder where !taken.contains(id) {
            guard let note = notes[id] else { continue }
            if let history = HistoryText.parse(note.text) { bundle.history += history; continue }
            if let queries = QueriesText.parse(note.text) { bundle.queries += queries; continue }
            bundle.memos.append((.project, note.text, note.coder, note.guid))
            loose += 1
        }
        if loose > 0 { report.skipped.append("\(Words.count(loose, "note")) attached to nothing intertwine keeps (journals, sets, graphs): kept as project memos") }
        // The same text twice on one target is one memo (as storing keeps it).
        var seen = Set<String>()
        bundle.memos = bundle.memos.filter { seen.insert("\($0.target)|\($0.text)").inserted }
        bundle.coders = coders.sorted()
        report.coders = coders.count
        report.codings = bundle.codings.count
        report.memos = bundle.memos.count + bundle.codings.filter { $0.memo != nil }.count
        if let sets = root.first("Sets")?.all("Set"), !sets.isEmpty { report.skipped.append("\(sets.count) sets (not kept by intertwine yet)") }
    }

    /// The text file `file` (its folder's name matched without regard to case): as
    /// read while the document was parsed, or read now (a file not named `.txt`).
    /// Its bytes leave the archive; sources that share it share what was read.
    static func text(_ file: String, _ texts: inout [String: Result<RefiText, RefiText.Problem>],
                     _ archive: inout SafeArchive) -> Result<RefiText, RefiText.Problem>? {
        if let name = archive.name(of: file), let data = archive.take(name) {
            if texts[name] == nil { texts[name] = RefiText.read(data) }
            return texts[name]
        }
        return entry(file, in: texts)
    }

    /// What `files` holds for the entry `file`, its folder's name matched without regard to case.
    static func entry<T>(_ file: String, in files: [String: T]) -> T? {
        SafeArchive.entryName(file, in: files).flatMap { files[$0] }
    }

    /// `internal://x.txt` → `sources/x.txt`.
    static func internalFile(_ path: String) -> String? {
        guard path.hasPrefix("internal://") else { return nil }
        return "sources/" + path.dropFirst("internal://".count)
    }

    /// A case attribute from a VariableValue; a number that is not finite or a date
    /// that is not a date is refused with its line.
    static func attribute(_ value: XMLTree, fail: (XMLTree, String) -> ExchangeError) throws -> AttributeValue? {
        if let text = value.first("TextValue")?.text { return .text(text) }
        if let text = value.first("BooleanValue")?.text { return .boolean(text == "true" || text == "1") }
        if let text = value.first("IntegerValue")?.text { return Int(text.trimmingCharacters(in: .whitespaces)).map(AttributeValue.integer) ?? .text(text) }
        if let element = value.first("FloatValue") {
            let text = element.text.trimmingCharacters(in: .whitespaces)
            guard let number = Double(text) else { return .text(element.text) }
            guard number.isFinite else { throw fail(element, "the FloatValue \"\(text)\" is not a finite number") }
            return .float(number)
        }
        if let element = value.first("DateValue") {
            let date = String(element.text.trimmingCharacters(in: .whitespaces).prefix(10))
            guard AttributeValue.isCalendarDate(date) else { throw fail(element, "the DateValue \"\(element.text)\" is not a date (YYYY-MM-DD)") }
            return .date(date)
        }
        if let text = value.first("DateTimeValue")?.text { return .text(text) }
        return nil
    }

    /// Whether positions count UTF-16 units: decided by the selections' names (the
    /// selected text, where the program wrote it) and, when they do not tell, by the
    /// origin (NVivo for Windows counts UTF-16).
    static func usesUTF16(_ sources: [([RefiSelections.Selection], SourceText)], origin: String) -> Bool {
        var votes = (codePoints: 0, utf16: 0)
        for (selections, text) in sources where votes.codePoints + votes.utf16 < 200 {
            for selection in selections.prefix(RefiSelections.namedPerSource) {
                guard let name = selection.name, !name.isEmpty,
                      let start = selection.start.flatMap({ Int($0) }), let end = selection.end.flatMap({ Int($0) }) else { continue }
                let asPoints = text.text(start, end, utf16: false) == name
                let asUnits = text.text(start, end, utf16: true) == name
                if asPoints && !asUnits { votes.codePoints += 1 }
                if asUnits && !asPoints { votes.utf16 += 1 }
            }
        }
        if votes.codePoints != votes.utf16 { return votes.utf16 > votes.codePoints }
        let lower = origin.lowercased()
        return lower.contains("nvivo") && !lower.contains("mac")
    }
}
