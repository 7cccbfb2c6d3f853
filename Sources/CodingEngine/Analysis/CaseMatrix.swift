import GRDB

/// Cases × the codes of one folder (e.g. Knowledge source): each cell holds how many
/// codings there are, their extracts, and a short summary the researcher writes
/// (Table 5 of Jones & Macpherson 2006 is such a matrix). Coders are never added
/// together: with one coder shown (the one asked for, or the consensus when it is
/// complete) a row is a case; with several, a row is a case and a coder.
public struct CaseMatrix: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var caseName: String
        public var code: String
        /// Whose codings these are.
        public var coder: String
        public var codings: [Coding]
        public var summary: String?
    }

    /// A row: a case, as one coder coded it.
    public struct Row: Equatable, Sendable {
        public var caseName: String
        public var coder: String
    }

    public var folder: String
    public var rows: [Row]
    public var codes: [String]
    /// Row by row: `cells[row][code]`.
    public var cells: [[Cell]]
    /// Whose codings, and why.
    public var shown: CodersShown

    /// The cases, in order, each once.
    public var cases: [String] { rows.map(\.caseName).reduce(into: []) { if $0.last != $1 { $0.append($1) } } }

    /// Whether each row is one coder's (several coders shown).
    public var perCoder: Bool { shown.coders.count > 1 }

    /// A row's label: the case, and the coder when several are shown ("BRW · ana").
    public func label(_ index: Int) -> String {
        perCoder ? "\(rows[index].caseName) · \(rows[index].coder)" : rows[index].caseName
    }

    public func cell(_ caseName: String, _ code: String, coder: String? = nil) -> Cell? {
        guard let i = rows.firstIndex(where: { $0.caseName == caseName && (coder == nil || $0.coder == coder) }),
            let j = codes.firstIndex(of: code)
        else { return nil }
        return cells[i][j]
    }

    /// The matrix of `folder`'s codable codes for every case: the codings of `coder`
    /// when given, else of the coders `CodersShown` names (the consensus when it is
    /// complete, else every coder apart, a row each per case).
    public static func compute(_ project: some CodingStore, folder: String, coder: String? = nil) throws -> CaseMatrix {
        try compute(project, folder: folder, shown: CodersShown.resolve(project, asked: coder))
    }

    /// The matrix of the coders `shown` names.
    public static func compute(_ project: some CodingStore, folder: String, shown: CodersShown) throws -> CaseMatrix {
        let codebook = try project.codebook()
        guard let root = codebook.code(path: folder) else { throw EngineError.unknownCode(folder) }
        let codes = codebook.subtree(of: root.id).filter(\.codable)
        let cases = try project.cases().map(\.name)
        let codings =
            shown.coders.isEmpty
            ? [] : try project.codings(CodingFilter(coders: shown.coders, codes: [folder]), includeText: true)
        var byCell: [String: [Coding]] = [:]
        for coding in codings {
            byCell["\(coding.caseName)\u{1F}\(coding.coder)\u{1F}\(coding.code)", default: []].append(coding)
        }
        let summaries = try project.cellSummaries()
        let rows = cases.flatMap { caseName in shown.coders.map { Row(caseName: caseName, coder: $0) } }
        let cells = rows.map { row in
            codes.map { code in
                Cell(
                    caseName: row.caseName, code: code.path, coder: row.coder,
                    codings: byCell["\(row.caseName)\u{1F}\(row.coder)\u{1F}\(code.path)"] ?? [],
                    summary: summaries["\(row.caseName)\u{1F}\(code.path)"])
            }
        }
        return CaseMatrix(folder: root.path, rows: rows, codes: codes.map(\.path), cells: cells, shown: shown)
    }
}

extension Project {
    /// Writes (or with nil or empty text, removes) the summary of a case × code cell.
    public func setCellSummary(case caseName: String, code path: String, to text: String?, coder: String?) throws {
        let now = Timestamp.now()
        try write { db in
            guard let caseID = try Self.caseID(db, named: caseName) else { throw EngineError.unknownCase(caseName) }
            guard let code = try Self.loadCodebook(db).code(path: path) else { throw EngineError.unknownCode(path) }
            let coderID = try text?.isEmpty == false ? coder.map { try Self.coderID(db, named: $0) } : nil
            try CellSummaryWriter.set(db, caseID: caseID, codeID: code.id, to: text, coder: coderID, at: now)
        }
    }

    /// Every cell summary, keyed by case name and code path joined by U+001F.
    public func cellSummaries() throws -> [String: String] {
        try read { db in
            let codebook = try Self.loadCodebook(db)
            var result: [String: String] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.name AS case_name, s.code_id, s.text FROM cell_summaries s JOIN cases c ON c.id = s.case_id
                    """)
            {
                if let code = codebook.code(id: row["code_id"]) {
                    result["\(row["case_name"] as String)\u{1F}\(code.path)"] = row["text"]
                }
            }
            return result
        }
    }
}
