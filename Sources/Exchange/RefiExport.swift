import CodingEngine
import Crypto
import Foundation

/// Writes a project as REFI-QDA 1.0 (`.qdpx`: `project.qde` and `sources/<guid>.txt`)
/// or its codebook (`.qdc`), in the element order the schemas require. Codes,
/// codings, sources, cases and notes carry the GUIDs the project stores (kept through
/// renames, moves and merges, and taken from the file on import); users, variables
/// and selections get GUIDs derived from the project and what they name. Two exports
/// of the same project carry the same GUIDs. Positions are code points, end exclusive.
public enum RefiExport {
    public static let origin = "intertwine 0.1"

    /// A stable GUID for `kind` and `key` within a project.
    static func guid(_ seed: String, _ kind: String, _ key: String) -> String {
        GUID.named(seed: seed, kind: kind, key: key)
    }

    /// The project as `project.qde` text and its sources' files.
    public static func project(_ project: Project, name: String, pseudonymiser: Pseudonymiser? = nil) throws -> (
        qde: String, sources: [(file: String, text: String)]
    ) {
        var sources: [(file: String, text: String)] = []
        let (qde, _, _) = try projectBytes(project, name: name, pseudonymiser: pseudonymiser) { sources.append($0) }
        return (String(decoding: qde, as: UTF8.self), sources)
    }

    /// The same, `project.qde` as its UTF-8 bytes, and how many codings it holds.
    /// Each source's file is handed to `eachSource` as soon as it is read, and, when
    /// `eachPart` is given, `project.qde` in parts as it is made (an export deflates
    /// them while the rest is made); the returned bytes are then its last part.
    ///
    /// With `pseudonymiser`, the export is pseudonymised: each source is written with its
    /// real names replaced and every selection's positions mapped onto it (a selection
    /// covers the same words), and every name, description, note and value in
    /// `project.qde` is written pseudonymised too.
    static func projectBytes(
        _ project: Project, name: String, pseudonymiser: Pseudonymiser? = nil, eachPart: (([UInt8]) -> Void)? = nil,
        eachSource: ((file: String, text: String)) throws -> Void
    ) throws -> (qde: [UInt8], sources: Int, codings: Int) {
        let seed = try project.info("created_at") ?? "intertwine"
        let codebook = try project.codebook()
        let cases = try project.cases()
        let documents = try project.documents()
        let codings = try project.codings(CodingFilter(), includeText: false)
        // The creating user: who made the project (init, or the import into a new one),
        // else the first coder; listed among the users like any coder.
        let creator = try project.info("created_by")
        let known = try project.coders()
        let coders = known + (creator.flatMap { known.contains($0) ? nil : $0 }.map { [$0] } ?? [])
        let sourceGUIDs = try project.guids(of: .documents), caseGUIDs = try project.guids(of: .cases)
        let memoGUIDs = try project.guids(of: .memos)
        let sourceGUIDByName = Dictionary(
            documents.map { ($0.name, sourceGUIDs[$0.id] ?? guid(seed, "source", $0.name)) }
        ) { a, _ in a }
        var writer = XMLWriter()
        writer.eachPart = eachPart
        writer.pseudonymiser = pseudonymiser
        var userGUIDs: [String: String] = [:]
        func userGUID(_ name: String) -> String {
            if let known = userGUIDs[name] { return known }
            let id = guid(seed, "user", name)
            userGUIDs[name] = id
            return id
        }
        var codeGUIDs: [String: String] = [:]
        func codeGUID(_ path: String) -> String {
            if let known = codeGUIDs[path] { return known }
            let id =
                codebook.code(storedPath: path).map(\.guid).flatMap { $0.isEmpty ? nil : $0 }
                ?? guid(seed, "code", path)
            codeGUIDs[path] = id
            return id
        }
        writer.open(
            "Project",
            [
                ("xmlns", "urn:QDA-XML:project:1.0"), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
                ),
                ("name", name), ("origin", origin),
                ("creatingUserGUID", (creator ?? coders.first).map { userGUID($0) }),
                ("creationDateTime", try project.info("created_at")),
            ])
        writer.newline()
        var notes: [(guid: String, memo: Memo, name: String?)] = []
        let origins = try project.codingOrigins()
        func noteRefs(_ memos: [Memo]) -> [String] {
            memos.map { memo in
                let id = memoGUIDs[memo.id] ?? guid(seed, "note", String(memo.id))
                notes.append((id, memo, nil))
                return id
            }
        }
        if !coders.isEmpty {
            writer.open("Users")
            for coder in coders { writer.empty("User", [("guid", userGUID(coder)), ("name", coder), ("id", coder)]) }
            writer.close("Users")
        }
        // Codebook.
        if !codebook.codes.isEmpty {
            writer.open("CodeBook")
            writer.open("Codes")
            func write(_ code: Code) throws {
                writer.open(
                    "Code",
                    [
                        ("guid", codeGUID(code.path)), ("name", code.name),
                        ("isCodable", code.codable ? "true" : "false"), ("color", code.color.uppercased()),
                    ])
                if !code.description.isEmpty { writer.element("Description", code.description) }
                for ref in noteRefs(try project.memos(on: .code(code.path))) {
                    writer.empty("NoteRef", [("targetGUID", ref)])
                }
                for child in codebook.children(of: code.id) { try write(child) }
                writer.close("Code")
            }
            for code in codebook.children(of: nil) { try write(code) }
            writer.close("Codes")
            writer.close("CodeBook")
        }
        // Variables: every case attribute key and every document property key (title,
        // participant, date…, on the sources), typed when all values agree.
        var variableTypes: [String: String] = [:]
        var variableOrder: [String] = []
        // Turn times (subtitles, timed labels) travel as a text variable of the source.
        var turnTimes: [Int64: CaseAttribute] = [:]
        for info in documents {
            if let times = RefiTurnTimes.encode(try project.turns(ofDocument: info.id)) {
                turnTimes[info.id] = CaseAttribute(key: RefiTurnTimes.variable, value: .text(times))
            }
        }
        for attributes in cases.map(\.attributes) + documents.map(\.properties) + [Array(turnTimes.values.prefix(1))] {
            for attribute in attributes {
                let type = refiType(attribute.value)
                if let known = variableTypes[attribute.key] {
                    if known != type { variableTypes[attribute.key] = "Text" }
                } else {
                    variableTypes[attribute.key] = type
                    variableOrder.append(attribute.key)
                }
            }
        }
        /// A case's attribute or a source's property as the value of its variable.
        func value(_ attribute: CaseAttribute) {
            writer.open("VariableValue")
            writer.empty("VariableRef", [("targetGUID", guid(seed, "variable", attribute.key))])
            let type = variableTypes[attribute.key] ?? "Text"
            writer.element(type + "Value", type == "Text" ? attribute.value.description : refiValue(attribute.value))
            writer.close("VariableValue")
        }
        if !variableOrder.isEmpty {
            writer.open("Variables")
            for key in variableOrder {
                writer.empty(
                    "Variable",
                    [("guid", guid(seed, "variable", key)), ("name", key), ("typeOfVariable", variableTypes[key])])
            }
            writer.close("Variables")
        }
        if !cases.isEmpty {
            writer.open("Cases")
            for item in cases {
                writer.open(
                    "Case", [("guid", caseGUIDs[item.id] ?? guid(seed, "case", item.name)), ("name", item.name)])
                let memos = try project.memos(on: .case(item.name)).map(\.text)
                if !memos.isEmpty { writer.element("Description", memos.joined(separator: "\n\n")) }
                for attribute in item.attributes { value(attribute) }
                for document in item.documents {
                    writer.empty(
                        "SourceRef", [("targetGUID", sourceGUIDByName[document] ?? guid(seed, "source", document))])
                }
                writer.close("Case")
            }
            writer.close("Cases")
        }
        // Sources, one selection per coding.
        var sourceCount = 0
        if !documents.isEmpty {
            writer.open("Sources")
            let byDocument = Dictionary(grouping: codings, by: \.document)
            let progress = WorkProgress("writing sources and their codings", total: documents.count)
            for info in documents {
                defer { progress.advance() }
                let stored = try project.text(ofDocument: info.id)
                // Pseudonymised, the source is the text with its names replaced; positions are mapped onto it.
                let pseudonymised = pseudonymiser.map { $0.pseudonymise(stored) }
                let documentText = pseudonymised?.text ?? stored
                let text = ScalarText(documentText)
                let sourceGUID = sourceGUIDByName[info.name] ?? guid(seed, "source", info.name)
                // A text that itself starts with U+FEFF gets a byte-order mark before it,
                // so that a reader removing the mark keeps every offset.
                try eachSource(
                    (
                        "sources/\(sourceGUID).txt",
                        documentText.unicodeScalars.first == "\u{FEFF}" ? "\u{FEFF}" + documentText : documentText
                    ))
                sourceCount += 1
                writer.open(
                    "TextSource",
                    [
                        ("guid", sourceGUID), ("name", info.name), ("plainTextPath", "internal://\(sourceGUID).txt"),
                        ("creationDateTime", info.importedAt),
                    ])
                writer.newline()
                // The document's (first) memo is the source's Description, where other programs read it;
                // more go as notes.
                let documentMemos = try project.memos(on: .document(info.name))
                if let first = documentMemos.first { writer.element("Description", first.text) }
                for coding in byDocument[info.name] ?? [] {
                    let stretch = TextRange(coding.start, coding.end)
                    let written = pseudonymised?.range(stretch) ?? stretch
                    let preview = String(text.slice(written.start, min(written.end, written.start + 40)))
                    // One selection per coding: its GUID is derived from the coding's.
                    let codingGUID =
                        coding.guid.isEmpty
                        ? guid(
                            seed, "coding", "\(info.name)|\(coding.start)|\(coding.end)|\(coding.code)|\(coding.coder)")
                        : coding.guid
                    // The coder and time on the selection as well as on its coding (other programs read the
                    // selection's); the coding's memo as the selection's Description (where they read it), not as
                    // a note too.
                    writer.open(
                        "PlainTextSelection",
                        [
                            ("guid", guid(codingGUID, "selection", "")), ("name", preview),
                            ("startPosition", String(written.start)), ("endPosition", String(written.end)),
                            ("creatingUser", userGUID(coding.coder)), ("creationDateTime", coding.createdAt),
                        ])
                    if let memo = coding.memo { writer.element("Description", memo) }
                    writer.open(
                        "Coding",
                        [
                            ("guid", codingGUID), ("creatingUser", userGUID(coding.coder)),
                            ("creationDateTime", coding.createdAt),
                        ])
                    writer.empty("CodeRef", [("targetGUID", codeGUID(coding.code))])
                    // Where the coding came from, when an AI assistant had a part in it: a note on the coding.
                    if let origin = origins[coding.id] {
                        let id = guid(codingGUID, "origin", "")
                        notes.append(
                            (
                                id,
                                Memo(
                                    id: coding.id, target: .document(info.name), coder: coding.coder,
                                    text: "Origin: " + origin, createdAt: coding.createdAt, updatedAt: coding.createdAt),
                                "Origin of a coding"
                            ))
                        writer.empty("NoteRef", [("targetGUID", id)])
                    }
                    writer.close("Coding")
                    writer.close("PlainTextSelection")
                }
                for ref in noteRefs(Array(documentMemos.dropFirst())) { writer.empty("NoteRef", [("targetGUID", ref)]) }
                for property in info.properties { value(property) }
                if let times = turnTimes[info.id] { value(times) }
                writer.close("TextSource")
            }
            writer.close("Sources")
        }
        // The project's (first) memo is its Description; more go as notes.
        let projectMemos = try project.memos(on: .project)
        var projectNotes = noteRefs(Array(projectMemos.dropFirst()))
        /// A note of intertwine's own on the project (what the standard has no element
        /// for), dated by the first and last of the times it holds.
        func projectNote(_ key: String, name: String, text: String, times: [String]) {
            guard let first = times.min(), let last = times.max() else { return }
            let id = guid(seed, "note", key)
            notes.append(
                (id, Memo(id: 0, target: .project, coder: nil, text: text, createdAt: first, updatedAt: last), name))
            projectNotes.append(id)
        }
        let history = try project.history()
        if !history.isEmpty {
            projectNote(
                "codebook history", name: HistoryText.noteName, text: HistoryText.note(history),
                times: [history[0].at, history[history.count - 1].at])
        }
        let settlements = try project.settlements()
        projectNote(
            "settling decisions", name: SettlementsText.noteName, text: SettlementsText.note(settlements),
            times: settlements.map(\.at))
        let queries = try project.savedQueries()
        projectNote(
            "saved queries", name: QueriesText.noteName, text: QueriesText.note(queries),
            times: queries.map(\.updatedAt))
        if !notes.isEmpty {
            writer.open("Notes")
            for (id, memo, name) in notes {
                writer.open(
                    "Note",
                    [
                        ("guid", id), ("name", name ?? String(memo.text.prefix(40))),
                        ("creatingUser", memo.coder.map { userGUID($0) }),
                        ("creationDateTime", memo.createdAt),
                    ])
                writer.element("PlainTextContent", memo.text)
                writer.close("Note")
            }
            writer.close("Notes")
        }
        if let first = projectMemos.first { writer.element("Description", first.text) }
        for ref in projectNotes { writer.empty("NoteRef", [("targetGUID", ref)]) }
        writer.close("Project")
        return (writer.bytes, sourceCount, codings.count)
    }

    /// Writes the project as a `.qdpx` archive at `path` (see `OutputFile`: a project,
    /// a folder or a device is refused, an existing file replaced only when
    /// `replacing`). The same project gives the same bytes: entries are dated by the
    /// project's creation.
    @discardableResult
    public static func writeProject(
        _ project: Project, to path: String, replacing: Bool = false, pseudonymiser: Pseudonymiser? = nil
    ) throws -> (
        sources: Int, codings: Int
    ) {
        try OutputFile.check(path, replacing: replacing)
        let name = PathName.baseName(project.path ?? "project")
        // The sources, and project.qde in parts, are deflated on the other cores while it is made.
        let archive = ZipWriter.Deflating()
        let qdePlace = archive.reserve("project.qde")
        let (qde, sourceCount, codingCount) = try projectBytes(
            project, name: name, pseudonymiser: pseudonymiser, eachPart: { archive.append(qdePlace, $0) }
        ) { source in
            archive.add(source.file, Array(source.text.utf8))
        }
        archive.fill(qdePlace, qde)
        let bytes: [UInt8]
        do {
            bytes = try archive.finish(dated: date(try project.info("created_at")))
        } catch {
            throw OutputFile.libraryFailure(path)
        }
        try OutputFile.write(bytes, to: path, replacing: replacing)
        return (sourceCount, codingCount)
    }

    /// The codebook as `.qdc` text (Codebook.xsd), pseudonymised with `pseudonymiser`.
    public static func codebook(_ project: Project, pseudonymiser: Pseudonymiser? = nil) throws -> String {
        let seed = try project.info("created_at") ?? "intertwine"
        let codebook = try project.codebook()
        var writer = XMLWriter()
        writer.pseudonymiser = pseudonymiser
        writer.open("CodeBook", [("xmlns", "urn:QDA-XML:codebook:1.0"), ("origin", origin)])
        writer.open("Codes")
        func write(_ code: Code) {
            writer.open(
                "Code",
                [
                    ("guid", code.guid.isEmpty ? guid(seed, "code", code.path) : code.guid), ("name", code.name),
                    ("isCodable", code.codable ? "true" : "false"), ("color", code.color.uppercased()),
                ])
            if !code.description.isEmpty { writer.element("Description", code.description) }
            for child in codebook.children(of: code.id) { write(child) }
            writer.close("Code")
        }
        for code in codebook.children(of: nil) { write(code) }
        writer.close("Codes")
        writer.close("CodeBook")
        return writer.text
    }

    /// The same archive in memory.
    public static func archive(_ entries: [(String, Data)], dated: String?) throws -> Data {
        Data(try ZipWriter.archive(entries.map { (name: $0.0, data: $0.1) }, dated: date(dated)))
    }

    /// The entries' date: the project's creation, else 2000-01-01.
    private static func date(_ dated: String?) -> Date {
        dated.flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }
            ?? Date(timeIntervalSince1970: 946_684_800)
    }

    static func refiType(_ value: AttributeValue) -> String {
        switch value {
        case .text: return "Text"
        case .integer: return "Integer"
        case .float: return "Float"
        case .boolean: return "Boolean"
        case .date: return "Date"
        }
    }

    /// A value in the form the schema's types want (decimal without exponent).
    static func refiValue(_ value: AttributeValue) -> String {
        switch value {
        case .float(let d):
            var text = String(format: "%.10f", d)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        default: return value.description
        }
    }
}
