import CodingEngine
import Foundation

/// Reads a REFI-QDA project (`.qdpx`) as NVivo, MAXQDA, ATLAS.ti, QualCoder and
/// Taguette write it: `store(_:into:)` stores each source as its XML closes
/// (`RefiStream`, `RefiReader`), in one transaction; `init(path:)` reads it whole
/// into a `ProjectBundle`.
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
        /// Saved coding queries the file carries.
        public var queries = 0
        /// Position unit the file used: "code points" or "UTF-16 units".
        public var positions = "code points"
        public var skipped: [String] = []
    }

    public var bundle = ProjectBundle()
    public var report = Report()

    /// The case for documents that belong to no case.
    public static let unassignedCase = "Unassigned"

    /// Reads the whole project at `path` into `bundle` (for a look before storing;
    /// an import stores it as it is read, with `store(_:into:)`).
    public init(path: String) throws {
        (bundle, report) = try Self.reading(path) { try $0.collect() }
    }

    /// Reads the REFI-QDA project at `path` into `project`, storing each source as it
    /// is parsed, all in one transaction: a problem anywhere in the file leaves the
    /// project as it was.
    public static func store(_ path: String, into project: Project) throws -> (report: Report, stored: BundleReport) {
        let (stored, report) = try reading(path) { stream in
            var stream = stream
            return try project.store(streaming: &stream)
        }
        return (report, stored)
    }

    /// `body` run on the project at `path` read as a stream; read again whole when
    /// its parts are out of the schema's order.
    private static func reading<T>(_ path: String, _ body: (RefiStream) throws -> T) throws -> (T, Report) {
        func run(_ mode: RefiStream.Mode) throws -> (T, Report) {
            let stream = try RefiStream(path: path, mode: mode)
            defer { stream.finish() }
            let result = try body(stream)
            return (result, stream.report)
        }
        do {
            return try run(.asItCloses)
        } catch is RefiStream.OutOfOrder {
            return try run(.whole)
        }
    }

    /// `guid` in lower case without braces (a reference that is not a well-formed
    /// GUID is still matched as written).
    static func guid(_ raw: String?) -> String? {
        guard let raw else { return nil }
        // The common case first: a well-formed GUID with nothing around it.
        if let guid = GUID.normalized(raw) { return guid }
        let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: " "))
        return GUID.normalized(trimmed)
            ?? trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).lowercased()
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
        if let text = value.first("IntegerValue")?.text {
            return Int(text.trimmingCharacters(in: .whitespaces)).map(AttributeValue.integer) ?? .text(text)
        }
        if let element = value.first("FloatValue") {
            let text = element.text.trimmingCharacters(in: .whitespaces)
            guard let number = Double(text) else { return .text(element.text) }
            guard number.isFinite else { throw fail(element, "the FloatValue \"\(text)\" is not a finite number") }
            return .float(number)
        }
        if let element = value.first("DateValue") {
            let date = String(element.text.trimmingCharacters(in: .whitespaces).prefix(10))
            guard AttributeValue.isCalendarDate(date) else {
                throw fail(element, "the DateValue \"\(element.text)\" is not a date (YYYY-MM-DD)")
            }
            return .date(date)
        }
        if let text = value.first("DateTimeValue")?.text { return .text(text) }
        return nil
    }
}
