/// Cases grouped by an attribute (e.g. learning_type), with code frequencies and
/// coverage per group.
public enum CaseComparison {
    public struct Row: Equatable, Sendable {
        /// The attribute's value ("(none)" for cases without it).
        public var group: String
        public var cases: [String]
        public var code: String
        public var coder: String
        public var codings: Int
        /// Documents containing the code.
        public var documents: Int
        public var characters: Int
        /// characters / the group's characters.
        public var coverage: Double
        public var aggregate: Bool

        /// Adds one document's frequencies of the code.
        mutating func add(_ row: CodeFrequencies.Row) {
            codings += row.codings
            documents += row.codings > 0 ? 1 : 0
            characters += row.characters
        }
    }

    public static func compute(_ store: some CodingStore, by attribute: String, coder: String? = nil) throws -> [Row] {
        let cases = try store.cases()
        guard cases.contains(where: { item in item.attributes.contains { $0.key == attribute } }) else {
            let keys = Set(cases.flatMap { $0.attributes.map(\.key) }).sorted()
            throw EngineError.badAttribute(
                "no case has the attribute \"\(attribute)\"; attributes are \(keys.joined(separator: ", "))")
        }
        var groupOf: [String: String] = [:]
        var members: [String: [String]] = [:]
        var order: [String] = []
        for item in cases {
            let value = item.attributes.first { $0.key == attribute }?.value.description ?? "(none)"
            groupOf[item.name] = value
            if members[value] == nil { order.append(value) }
            members[value, default: []].append(item.name)
        }
        var length: [String: Int] = [:]
        for item in cases { length[groupOf[item.name] ?? "(none)", default: 0] += item.length }
        // By document: characters are unioned per document, so they add up across a group.
        var cells: [String: Row] = [:]
        var keys: [String] = []
        for row in try CodeFrequencies.compute(store, by: .document, coder: coder) {
            guard let caseName = row.caseName, let group = groupOf[caseName] else { continue }
            let key = "\(group)\u{1F}\(row.code)\u{1F}\(row.coder)"
            if cells[key] == nil { keys.append(key) }
            cells[
                key,
                default: Row(
                    group: group, cases: members[group] ?? [], code: row.code, coder: row.coder, codings: 0,
                    documents: 0, characters: 0, coverage: 0, aggregate: row.aggregate)
            ].add(row)
        }
        let codeOrder = Dictionary(
            try store.codebook().codes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        return keys.compactMap { cells[$0] }.map { row in
            var row = row
            let total = length[row.group] ?? 0
            row.coverage = total > 0 ? Double(row.characters) / Double(total) : 0
            return row
        }.sorted {
            (order.firstIndex(of: $0.group) ?? 0, codeOrder[$0.code] ?? 0, $0.coder) < (
                order.firstIndex(of: $1.group) ?? 0, codeOrder[$1.code] ?? 0, $1.coder
            )
        }
    }
}
