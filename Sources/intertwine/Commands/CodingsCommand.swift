import ArgumentParser
import CodingEngine

/// `intertwine codings`: list coded passages.
struct CodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codings",
        abstract: "List codings with their text. A code path includes the codes below it.",
        discussion: "--coder NAME lists that coder's codings only. Repeat --code, --case or --doc to take several."
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("code"), help: ArgumentHelp("Only this code (and the codes below it).", valueName: "path"))
    var codes: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case.", valueName: "name"))
    var cases: [String] = []

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document.", valueName: "name"))
    var documents: [String] = []

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        // Here --coder (given explicitly, not from the environment) narrows the listing to one coder.
        let project = try global.openProjectForReading()
        let filter = CodingFilter(
            coders: global.coder.map { [$0] } ?? [], codes: codes, cases: cases, documents: documents,
            viewer: try global.viewer(project))
        // Where each coding came from when not from a person alone (an AI assistant).
        let origins = try project.codingOrigins()
        let columns = [
            "id", "document", "case", "start", "end", "code", "coder", "memo", "text", "created_at", "origin",
        ]
        // JSON copies each passage from the document's bytes, except when pseudonymised.
        guard format == .json, OutputPseudonyms.current == nil else {
            // A table shows the origin only in a project with an assistant's codings.
            let shown = format == .table && origins.isEmpty ? Array(columns.dropLast()) : columns
            let listing = Listing(
                columns: shown, rows: [], truncate: ["text": 50, "memo": 24, "created_at": 19, "origin": 40],
                rightAligned: ["id", "start", "end"])
            var output = ListingOutput(listing, format: format)
            // Codings go to the output as they are read (CSV), never all held at once; pseudonymised,
            // they are read first (each document's text is read to map them, outside the codings' read).
            let each = { (coding: Coding) in
                output.append(
                    [
                        .int(Int(coding.id)), .string(coding.document), .string(coding.caseName), .int(coding.start),
                        .int(coding.end),
                        .string(coding.code), .string(coding.coder), coding.memo.map(JSONValue.string) ?? .null,
                        .string(coding.text),
                        .string(coding.createdAt), origins[coding.id].map(JSONValue.string) ?? .null,
                    ].prefix(shown.count).map { $0 })
            }
            if OutputPseudonyms.current == nil {
                try project.codings(filter, each: each)
            } else {
                try project.codings(filter).forEach(each)
            }
            try output.finish()
            return
        }
        // JSON a document at a time, each passage copied from the document's UTF-8.
        var stream = JSONArrayStream(columns: columns)
        try project.codings(filter) { (found: DocumentCodings) in
            var text = found.text
            text.withUTF8 { bytes in
                for (coding, range) in zip(found.codings, found.byteRanges) {
                    stream.append { column, out in
                        switch column {
                        case 0: JSONValue.writeDigits(Int(coding.id), to: &out)
                        case 1: JSONValue.writeQuoted(coding.document, to: &out)
                        case 2: JSONValue.writeQuoted(coding.caseName, to: &out)
                        case 3: JSONValue.writeDigits(coding.start, to: &out)
                        case 4: JSONValue.writeDigits(coding.end, to: &out)
                        case 5: JSONValue.writeQuoted(coding.code, to: &out)
                        case 6: JSONValue.writeQuoted(coding.coder, to: &out)
                        case 7:
                            if let memo = coding.memo {
                                JSONValue.writeQuoted(memo, to: &out)
                            } else {
                                out += "null".utf8
                            }
                        case 8: JSONValue.writeQuoted(utf8: UnsafeBufferPointer(rebasing: bytes[range]), to: &out)
                        case 9: JSONValue.writeQuoted(coding.createdAt, to: &out)
                        default:
                            if let origin = origins[coding.id] {
                                JSONValue.writeQuoted(origin, to: &out)
                            } else {
                                out += "null".utf8
                            }
                        }
                    }
                }
            }
        }
        stream.finish()
    }
}
