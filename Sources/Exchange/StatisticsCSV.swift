import CodingEngine

/// Tables for statistics packages.
public enum StatisticsCSV {
    /// Cases × codes: one row per case and coder, `count` and `coverage` columns per
    /// codable code (coverage as a fraction of the case's characters).
    public static func matrix(_ project: Project, coder: String? = nil, pseudonymiser: Pseudonymiser? = nil) throws
        -> String
    {
        let rows = try CodeFrequencies.compute(project, by: .case, coder: coder)
        let codes = try project.codebook().codes.filter(\.codable).map(\.path)
        var header = ["case", "coder"]
        for code in codes { header += ["\(code) count", "\(code) coverage"] }
        var cells: [String: CodeFrequencies.Row] = [:]
        var keys: [(String, String)] = []
        for row in rows {
            if !keys.contains(where: { $0 == (row.group, row.coder) }) { keys.append((row.group, row.coder)) }
            cells["\(row.group)|\(row.coder)|\(row.code)"] = row
        }
        let table = keys.map { group, coder -> [String] in
            var line = [group, coder]
            for code in codes {
                let row = cells["\(group)|\(coder)|\(code)"]
                line += [String(row?.codings ?? 0), String(row?.coverage ?? 0)]
            }
            return line
        }
        guard let pseudonymiser else { return try CSVText.render(header: header, rows: table) }
        return try CSVText.render(
            header: header.map { pseudonymiser($0) }, rows: table.map { $0.map { pseudonymiser($0) } })
    }

    /// One row per coded passage (a coder's range in a document), a 0/1 column per
    /// codable code.
    public static func binary(_ extracts: [Extract], codebook: Codebook) throws -> String {
        let codes = codebook.codes.filter(\.codable).map(\.path)
        var passages: [String: (Extract, Set<String>)] = [:]
        var order: [String] = []
        for e in extracts {
            let key = "\(e.document)|\(e.start)|\(e.end)|\(e.coder)"
            if passages[key] == nil { order.append(key) }
            passages[key, default: (e, [])].1.insert(e.code)
        }
        let header = ["case", "document", "turn", "start", "end", "coder", "text"] + codes
        let rows = order.compactMap { key -> [String]? in
            guard let (e, used) = passages[key] else { return nil }
            return
                ([
                    e.caseName, e.document, e.turn.map(String.init) ?? "", String(e.start), String(e.end), e.coder,
                    e.text,
                ]
                + codes.map { used.contains($0) ? "1" : "0" })
        }
        return try CSVText.render(header: header, rows: rows)
    }
}
