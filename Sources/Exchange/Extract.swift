import CodingEngine
import Foundation

/// One coded passage as exports show it: where it is, who coded it with what, and
/// its text.
public struct Extract: Equatable, Sendable {
    public var caseName: String
    public var caseAttributes: [CaseAttribute]
    public var document: String
    /// The turn the passage starts in (1-based) and its speaker, when known.
    public var turn: Int?
    public var speaker: String?
    /// The turn's start and end times in seconds, when the transcript has them.
    public var startTime: Double?
    public var endTime: Double?
    public var start: Int
    public var end: Int
    public var code: String
    public var coder: String
    public var memo: String?
    public var text: String
    /// Where the coding came from when not from a person alone (an AI assistant's
    /// proposal, or a person's acceptance of one); nil when a person coded it unaided.
    public var origin: String? = nil

    /// The extracts `filter` selects, by case, document and position. With `within`
    /// (a query's passages by document), only the coded text inside them: each coding
    /// that meets a passage, cut to the part inside it.
    public static func collect(
        _ project: Project, _ filter: CodingFilter, within passages: [String: [TextRange]]? = nil
    ) throws -> [Extract] {
        let cases = Dictionary(
            try project.cases().map { ($0.name, $0.attributes) }, uniquingKeysWith: { first, _ in first })
        var turns: [String: [Turn]] = [:]
        let origins = try project.codingOrigins()
        var codings = try project.codings(filter)
        if let passages {
            var texts: [String: ScalarText] = [:]
            codings = try codings.flatMap { coding -> [Coding] in
                try (passages[coding.document] ?? []).compactMap { passage -> Coding? in
                    let start = max(passage.start, coding.start), end = min(passage.end, coding.end)
                    guard start < end else { return nil }
                    let text = try texts.cached(coding.document) {
                        ScalarText(try project.document(named: coding.document).text)
                    }
                    var cut = coding
                    cut.start = start
                    cut.end = end
                    cut.text = text.slice(start, end)
                    return cut
                }
            }
        }
        return try codings.map { coding in
            if turns[coding.document] == nil {
                turns[coding.document] = try project.document(named: coding.document).turns
            }
            let turn = turns[coding.document]?.last { $0.start <= coding.start }
            return Extract(
                caseName: coding.caseName, caseAttributes: cases[coding.caseName] ?? [], document: coding.document,
                turn: turn?.index, speaker: turn?.speaker, startTime: turn?.startTime, endTime: turn?.endTime,
                start: coding.start, end: coding.end, code: coding.code, coder: coding.coder, memo: coding.memo,
                text: coding.text, origin: origins[coding.id])
        }
    }
}

extension Extract {
    /// One extract per passage: extracts of the same document, range and code by
    /// several coders become one, its coder "ana, ben" (in the order given) and the
    /// different memos joined. The order is kept (each at its first place).
    public static func joiningCoders(_ extracts: [Extract]) -> [Extract] {
        var index: [String: Int] = [:]
        var joined: [Extract] = []
        for extract in extracts {
            let key = "\(extract.document)\u{1F}\(extract.start)\u{1F}\(extract.end)\u{1F}\(extract.code)"
            guard let at = index[key] else {
                index[key] = joined.count
                joined.append(extract)
                continue
            }
            joined[at].coder += ", " + extract.coder
            if let origin = extract.origin, joined[at].origin?.contains(origin) != true {
                joined[at].origin = (joined[at].origin.map { $0 + "; " } ?? "") + origin
            }
            if let memo = extract.memo, !memo.isEmpty, joined[at].memo?.contains(memo) != true {
                joined[at].memo = (joined[at].memo.map { $0 + "\n\n" } ?? "") + memo
            }
        }
        return joined
    }
}

/// Coded extracts as CSV, Markdown, JSON and HTML.
public enum ExtractFormat {
    /// One row per coding; case attributes as `case.KEY` columns; the code's path
    /// also split into `code_1`, `code_2`, … (folder, code below it, …) so that a
    /// spreadsheet can filter by folder; cells neutralized for spreadsheets.
    public static func csv(_ extracts: [Extract]) throws -> String {
        let keys = attributeKeys(extracts)
        let levels = extracts.map { $0.code.split(separator: "/").count }.max() ?? 1
        let header =
            ["case"] + keys.map { "case.\($0)" } + [
                "document", "turn", "speaker", "start_time", "end_time", "start", "end", "code",
            ]
            + (1...max(1, levels)).map { "code_\($0)" } + ["coder", "memo", "text", "origin"]
        let rows = extracts.map { e -> [String] in
            let attributes = Dictionary(
                e.caseAttributes.map { ($0.key, $0.value.description) }, uniquingKeysWith: { a, _ in a })
            let parts = e.code.split(separator: "/").map(String.init)
            var row: [String] = [e.caseName]
            row += keys.map { attributes[$0] ?? "" }
            let turn: String = e.turn.map(String.init) ?? ""
            let start: String = e.startTime.map { String($0) } ?? "", end: String = e.endTime.map { String($0) } ?? ""
            row += [e.document, turn, e.speaker ?? "", start, end, String(e.start), String(e.end), e.code]
            row += (0..<max(1, levels)).map { $0 < parts.count ? parts[$0] : "" }
            row += [e.coder, e.memo ?? "", e.text, e.origin ?? ""]
            return row
        }
        return try CSVText.render(header: header, rows: rows)
    }

    static func attributeKeys(_ extracts: [Extract]) -> [String] {
        var keys: [String] = []
        for e in extracts { for a in e.caseAttributes where !keys.contains(a.key) { keys.append(a.key) } }
        return keys
    }

    /// The same records as a JSON array (keys in snake_case, attributes typed).
    public static func json(_ extracts: [Extract]) throws -> String {
        let records: [[String: Any]] = extracts.map { e in
            var attributes: [String: Any] = [:]
            for a in e.caseAttributes {
                switch a.value {
                case .text(let s), .date(let s): attributes[a.key] = s
                case .integer(let i): attributes[a.key] = i
                case .float(let d): attributes[a.key] = d
                case .boolean(let b): attributes[a.key] = b
                }
            }
            return [
                "case": e.caseName, "case_attributes": attributes, "document": e.document,
                "turn": e.turn as Any? ?? NSNull(),
                "speaker": e.speaker as Any? ?? NSNull(), "start_time": e.startTime as Any? ?? NSNull(),
                "end_time": e.endTime as Any? ?? NSNull(), "start": e.start, "end": e.end, "code": e.code,
                "coder": e.coder,
                "memo": e.memo as Any? ?? NSNull(), "text": e.text, "origin": e.origin as Any? ?? NSNull(),
            ]
        }
        let data = try JSONSerialization.data(
            withJSONObject: records, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Grouped by code, then case; each extract quoted with its source and turn. Text
    /// is shown, never interpreted: HTML is escaped, Markdown's own marks are
    /// backslash-escaped, and every line of an extract or a memo is quoted, so that
    /// no line of a transcript can become a heading, a list, a link or an image.
    public static func markdown(
        _ extracts: [Extract], codebook: Codebook, title: String, history: [HistoryEntry] = [],
        memos: [MemoEntry] = []
    ) -> String {
        var out = "# \(MarkdownText.line(title))\n\n\(extracts.count) coded extract\(extracts.count == 1 ? "" : "s").\n"
        let byCode = Dictionary(grouping: extracts, by: \.code)
        for code in codebook.codes {
            guard let mine = byCode[code.path], !mine.isEmpty else { continue }
            out += "\n## \(MarkdownText.line(code.path)) (\(mine.count))\n"
            if !code.description.isEmpty { out += "\n" + MarkdownText.emphasised(code.description) + "\n" }
            for caseName in ordered(mine.map(\.caseName)) {
                out += "\n### \(MarkdownText.line(caseName))\n"
                for e in mine where e.caseName == caseName {
                    out += "\n" + MarkdownText.quoted(e.text) + "\n"
                    out += ">\n> — \(MarkdownText.line(source(e)))\n"
                    if let memo = e.memo { out += ">\n> *Memo:*\n" + MarkdownText.quoted(memo) + "\n" }
                    if let origin = e.origin { out += ">\n> *Origin:*\n" + MarkdownText.quoted(origin) + "\n" }
                }
            }
        }
        if !memos.isEmpty { out += "\n## Memos\n" + MemoReport.markdown(memos, title: nil, level: 3) }
        return out + HistoryText.markdown(history)
    }

    /// "brw, turn 10 (Roger Watson), 00:12:05, coded by ana"
    static func source(_ e: Extract) -> String {
        var parts = [e.document]
        if let turn = e.turn { parts.append("turn \(turn)" + (e.speaker.map { " (\($0))" } ?? "")) }
        if let time = e.startTime { parts.append(ClockTime.text(time)) }
        parts.append("coded by \(e.coder)")
        return parts.joined(separator: ", ")
    }

    static func ordered(_ names: [String]) -> [String] {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// `&`, `<`, `>` and `"` as HTML entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
