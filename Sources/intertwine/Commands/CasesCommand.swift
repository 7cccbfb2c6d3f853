import ArgumentParser
import CodingEngine

/// `intertwine cases`: list the cases and their attributes.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List the cases with their documents and typed attributes."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "In the table, every attribute in a column of its own, nothing cut.")
    var wide = false

    func run() throws {
        let cases = try global.openProjectForReading().cases()
        if wide, format == .table {
            // One column per attribute, in the order they first appear.
            let keys = cases.flatMap { $0.attributes.map(\.key) }.reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            let listing = Listing(
                columns: ["name", "documents", "length"] + keys,
                rows: cases.map { item in
                    let values = Dictionary(
                        item.attributes.map { ($0.key, $0.value.description) }, uniquingKeysWith: { first, _ in first })
                    return [.string(item.name), .array(item.documents.map(JSONValue.string)), .int(item.length)]
                        + keys.map { .string(values[$0] ?? "") }
                },
                truncate: Dictionary(keys.map { ($0, Int.max) }, uniquingKeysWith: { first, _ in first }),
                rightAligned: ["length"])
            try listing.emit(format)
            return
        }
        let listing = Listing(
            columns: ["name", "documents", "length", "attributes"],
            rows: cases.map {
                [
                    .string($0.name), .array($0.documents.map(JSONValue.string)), .int($0.length),
                    .object($0.attributes.map { ($0.key, JSONValue($0.value)) }),
                ]
            },
            truncate: ["attributes": 90],
            rightAligned: ["length"])
        try listing.emit(format)
        let cut = cases.contains { item in
            item.attributes.map { "\($0.key)=\($0.value.description)" }.joined(separator: "; ").count > 90
        }
        if format == .table, cut { emit("attributes cut to fit: --wide shows each in a column of its own\n") }
    }
}

extension JSONValue {
    /// A case attribute as typed JSON: numbers as numbers, booleans as booleans,
    /// dates and text as strings.
    init(_ value: AttributeValue) {
        switch value {
        case .text(let s), .date(let s): self = .string(s)
        case .integer(let i): self = .int(i)
        case .float(let d): self = .double(d)
        case .boolean(let b): self = .bool(b)
        }
    }
}

/// `intertwine case set`: set attributes of a case.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Change a case: set attributes, rename it, merge it into another.",
        subcommands: [SetAttributes.self, Rename.self, Merge.self]
    )

    struct SetAttributes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract:
                "Set attributes of a case: KEY=VALUE, or KEY:TYPE=VALUE with TYPE text, integer, float, boolean or date.",
            discussion:
                "Without a type, whole numbers are integers, decimals floats, true/false booleans, YYYY-MM-DD dates, the rest text."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case's name.", valueName: "case"))
        var caseName: String

        @Argument(help: ArgumentHelp("Attributes to set.", valueName: "key=value"))
        var assignments: [String]

        func run() throws {
            let attributes = try assignments.map(Self.parse)
            try global.openProject().setCaseAttributes(caseName, attributes)
            for attribute in attributes {
                emit("\(caseName): \(attribute.key) = \(attribute.value) (\(attribute.value.typeName))\n")
            }
        }

        static func parse(_ assignment: String) throws -> CaseAttribute {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw EngineError.badAttribute("\"\(assignment)\" is not KEY=VALUE (e.g. employees=46)")
            }
            var key = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
            let raw = String(assignment[assignment.index(after: equals)...])
            var type: String?
            if let colon = key.firstIndex(of: ":") {
                type = String(key[key.index(after: colon)...]).lowercased()
                key = String(key[..<colon])
            }
            guard !key.isEmpty else { throw EngineError.badAttribute("\"\(assignment)\": the key is empty") }
            guard let type else { return CaseAttribute(key: key, value: .inferred(from: raw)) }
            let value: AttributeValue?
            switch type {
            case "text": value = .text(raw)
            case "integer": value = Int(raw).map(AttributeValue.integer)
            case "float": value = Double(raw).flatMap { $0.isFinite ? AttributeValue.float($0) : nil }
            case "boolean":
                value =
                    ["true", "yes"].contains(raw.lowercased())
                    ? .boolean(true)
                    : ["false", "no"].contains(raw.lowercased()) ? .boolean(false) : nil
            case "date":
                value =
                    AttributeValue.isCalendarDate(raw.trimmingCharacters(in: .whitespaces))
                    ? .date(raw.trimmingCharacters(in: .whitespaces)) : nil
            default:
                throw EngineError.badAttribute(
                    "\"\(assignment)\": unknown type \(type); use text, integer, float, boolean or date")
            }
            guard let value else {
                let example = ["integer": "46", "float": "2.5", "boolean": "true", "date": "2024-03-01"][type] ?? ""
                throw EngineError.badAttribute(
                    "\"\(assignment)\": \(raw) is not a valid \(type)\(type == "float" ? " (a finite number)" : ""); write e.g. \(key):\(type)=\(example)"
                )
            }
            return CaseAttribute(key: key, value: value)
        }
    }
}
