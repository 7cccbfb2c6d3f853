import GRDB

/// Cases × the codes of one folder (e.g. Knowledge source): each cell holds how many
/// codings there are, their extracts, and a short summary the researcher writes
/// (Table 5 of Jones & Macpherson 2006 is such a matrix).
public struct CaseMatrix: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var caseName: String
        public var code: String
        public var codings: [Coding]
        public var summary: String?
    }

    public var folder: String
    public var cases: [String]
    public var codes: [String]
    /// Row by row: `cells[case][code]`.
    public var cells: [[Cell]]

    public func cell(_ caseName: String, _ code: String) -> Cell? {
        guard let i = cases.firstIndex(of: caseName), let j = codes.firstIndex(of: code) else { return nil }
        return cells[i][j]
    }

    /// The matrix of `folder`'s codable codes for every case (codings of `coder` only
    /// when given).
    public static func compute(_ project: some CodingStore, folder: String, coder: String? = nil) throws -> CaseMatrix {
        let codebook = try project.codebook()
        guard let root = codebook.code(path: folder) else { throw EngineError.unknownCode(folder) }
        let codes = codebook.subtree(of: root.id).filter(\.codable)
        let cases = try project.cases().map(\.name)
        let codings = try project.codings(CodingFilter(coders: coder.map { [$0] } ?? [], codes: [folder]), includeText: true)
        let summaries = try project.cellSummaries()
        let cells = cases.map { caseName in
            codes.map { code in
                Cell(caseName: caseName, code: code.path,
                     codings: codings.filter { $0.caseName == caseName && $0.code == code.path },
                     summary: summaries["\(caseName)\u{1F}\(code.path)"])
            }
        }
        return CaseMatrix(folder: root.path, cases: cases, codes: codes.map(\.path), cells: cells)
    }
}

extension Project {
    /// Writes (or with nil or empty text, removes) the summary of a case × code cell.
    public func setCellSummary(case caseName: String, code path: String, to text: String?, coder: String?) throws {
        let now = Timestamp.now()
        try write { db in
            guard let caseID = try Self.caseID(db, named: caseName, creating: false, now: "") else { throw EngineError.unknownCase(caseName) }
            guard let code = try Self.loadCodebook(db).code(path: path) else { throw EngineError.unknownCode(path) }
            try db.execute(sql: "DELETE FROM cell_summaries WHERE case_id = ? AND code_id = ?", arguments: [caseID, code.id])
            if let text, !text.isEmpty {
                let coderID = try coder.map { try Self.coderID(db, named: $0) }
                try db.execute(sql: """
                    INSERT INTO cell_summaries (case_id, code_id, text, coder_id, updated_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [caseID, code.id, text, coderID, now])
            }
        }
    }

    /// Every cell summary, keyed by case name and code path joined by U+001F.
    public func cellSummaries() throws -> [String: String] {
        try read { db in
            let codebook = try Self.loadCodebook(db)
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.name AS case_name, s.code_id, s.text FROM cell_summaries s JOIN cases c ON c.id = s.case_id
                """) {
                if let code = codebook.code(id: row["code_id"]) { result["\(row["case_name"] as String)\u{1F}\(code.path)"] = row["text"] }
            }
            return result
        }
    }
}
