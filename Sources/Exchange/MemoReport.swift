import CodingEngine
import Foundation

/// The memos of a project as a report (`export --memos`) and as the memo section of
/// the Markdown and HTML extracts: grouped by kind (the project, cases, documents,
/// codes, codings, case × code cells), each with what it is on, who wrote it and when.
public enum MemoReport {
    /// The kinds in the order a report lists them, with their headings.
    static let sections: [(MemoEntry.Kind, String)] = [
        (.project, "The project"), (.case, "Cases"), (.document, "Documents"), (.code, "Codes"),
        (.coding, "Codings"), (.cellSummary, "Case × code summaries"),
    ]

    /// The memos that belong with `extracts`: the project's, and those on their cases,
    /// documents and codes and on their case × code cells (coding memos go with each
    /// extract already).
    public static func relevant(_ memos: [MemoEntry], to extracts: [Extract]) -> [MemoEntry] {
        let cases = Set(extracts.map(\.caseName)), documents = Set(extracts.map(\.document)),
            codes = Set(extracts.map(\.code))
        return memos.filter { memo in
            switch memo.kind {
            case .project: return true
            case .case: return memo.caseName.map(cases.contains) ?? false
            case .document: return memo.document.map(documents.contains) ?? false
            case .code: return memo.code.map(codes.contains) ?? false
            case .coding: return false
            case .cellSummary:
                return (memo.caseName.map(cases.contains) ?? false) && (memo.code.map(codes.contains) ?? false)
            }
        }
    }

    /// The memos by kind, in the report's order, with each section's heading; kinds with
    /// no memo left out.
    static func grouped(_ memos: [MemoEntry]) -> [(heading: String, memos: [MemoEntry])] {
        sections.compactMap { kind, heading in
            let mine = memos.filter { $0.kind == kind }
            return mine.isEmpty ? nil : (heading, mine)
        }
    }

    /// "by ana, 2026-12-02"
    static func byline(_ memo: MemoEntry) -> String {
        ([memo.coder.map { "by \($0)" }] + [memo.updatedAt.isEmpty ? nil : String(memo.updatedAt.prefix(10))])
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// The memos as Markdown, under headings from `level` (2: a report of its own).
    public static func markdown(_ memos: [MemoEntry], title: String?, level: Int = 2) -> String {
        var out = title.map { "# \(MarkdownText.line($0))\n\n\(Words.count(memos.count, "memo")).\n" } ?? ""
        let hashes = String(repeating: "#", count: level)
        for (heading, mine) in grouped(memos) {
            out += "\n\(hashes) \(heading) (\(mine.count))\n"
            for memo in mine {
                out += "\n\(hashes)# \(MarkdownText.line(memo.target))\n\n"
                if let passage = memo.passage { out += "Coded: " + MarkdownText.emphasised(passage) + "\n\n" }
                out += MarkdownText.quoted(memo.text) + "\n>\n> — \(MarkdownText.line(byline(memo)))\n"
            }
        }
        return out
    }

    /// The memos as HTML: a whole page when `title` is given, else a section to go in one.
    public static func html(_ memos: [MemoEntry], title: String?, level: Int = 2) -> String {
        let e = ExtractFormat.escape
        var out = ""
        if let title {
            out += """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
                <style>
                body { font: 15px/1.5 Georgia, serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
                h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
                h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.5rem; }
                blockquote.memo { margin: .8rem 0; padding: .4rem .8rem; border-left: 5px solid #999; background: #f6f6f6; }
                blockquote p { margin: .2rem 0; white-space: pre-wrap; }
                .source { font: 13px Helvetica, Arial, sans-serif; color: #555; }
                @media print { body { margin: 0; max-width: none; } blockquote { break-inside: avoid; } h2, h3 { break-after: avoid; } }
                </style></head><body>
                <h1>\(e(title))</h1>
                <p>\(Words.count(memos.count, "memo")).</p>

                """
        } else {
            out += "<h\(level)>Memos</h\(level)>\n"
        }
        let sub = title == nil ? level + 1 : level
        for (heading, mine) in grouped(memos) {
            out += "<h\(sub)>\(e(heading)) (\(mine.count))</h\(sub)>\n"
            for memo in mine {
                out += "<blockquote class=\"memo\"><p class=\"source\">\(e(memo.target))</p>"
                if let passage = memo.passage { out += "<p class=\"source\">Coded: “\(e(passage))”</p>" }
                out += "<p>\(e(memo.text))</p>"
                out += "<p class=\"source\">— \(e(byline(memo)))</p></blockquote>\n"
            }
        }
        return title == nil ? out : out + "</body></html>\n"
    }

    /// The memos as a JSON array: `kind`, `target`, `coder`, `text`, `updated_at`, and
    /// where it leads (`case`, `document`, `start`, `end`, `code`; null where none).
    public static func json(_ memos: [MemoEntry]) throws -> String {
        let records: [[String: Any]] = memos.map { m in
            [
                "kind": m.kind.rawValue, "target": m.target, "coder": m.coder as Any? ?? NSNull(), "text": m.text,
                "updated_at": m.updatedAt,
                "case": m.caseName as Any? ?? NSNull(), "document": m.document as Any? ?? NSNull(),
                "passage": m.passage as Any? ?? NSNull(),
                "start": m.range?.start as Any? ?? NSNull(), "end": m.range?.end as Any? ?? NSNull(),
                "code": m.code as Any? ?? NSNull(),
            ]
        }
        let data = try JSONSerialization.data(
            withJSONObject: records, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The memos as CSV, one row each.
    public static func csv(_ memos: [MemoEntry]) throws -> String {
        try CSVText.render(
            header: ["kind", "target", "coder", "updated_at", "case", "document", "start", "end", "code", "text"],
            rows: memos.map { m in
                [
                    m.kind.rawValue, m.target, m.coder ?? "", m.updatedAt, m.caseName ?? "", m.document ?? "",
                    m.range.map { String($0.start) } ?? "", m.range.map { String($0.end) } ?? "", m.code ?? "", m.text,
                ]
            })
    }
}
