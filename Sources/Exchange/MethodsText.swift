import CodingEngine
import Foundation

/// The methods report as a researcher writes it: paragraphs in the third person and
/// the past tense, two tables and the references, ready to paste into a methods
/// section (Markdown) or to print (HTML; the extract report carries it too). Every
/// figure is the `MethodsReport`'s, which is the one the other commands print.
public enum MethodsText {
    /// One piece of the report.
    public enum Block: Equatable, Sendable {
        case heading(String)
        case paragraph(String)
        case bullets([String])
        case table(Table)
        case references([String])

        /// The block with every piece of its text passed through `transform` (a
        /// pseudonymiser, say).
        public func map(_ transform: (String) -> String) -> Block {
            switch self {
            case .heading(let text): return .heading(transform(text))
            case .paragraph(let text): return .paragraph(transform(text))
            case .bullets(let items): return .bullets(items.map(transform))
            case .references(let items): return .references(items.map(transform))
            case .table(var table):
                table.caption = transform(table.caption)
                table.header = table.header.map(transform)
                table.rows = table.rows.map { $0.map(transform) }
                table.note = table.note.map(transform)
                return .table(table)
            }
        }
    }

    /// A table with its caption and a note under it.
    public struct Table: Equatable, Sendable {
        public var caption: String
        public var header: [String]
        public var rows: [[String]]
        /// Columns whose cells are numbers (aligned right).
        public var numeric: Set<Int>
        public var note: String?
    }

    /// The report's blocks, in the order a methods section takes them.
    public static func blocks(_ report: MethodsReport) -> [Block] {
        var writer = MethodsWriter(report)
        return writer.write()
    }

    /// The report as Markdown.
    public static func markdown(_ blocks: [Block], title: String = "Methods") -> String {
        var out = "# " + prose(title) + "\n"
        for block in blocks {
            out += "\n"
            switch block {
            case .heading(let text): out += "## " + prose(text) + "\n"
            case .paragraph(let text): out += prose(text) + "\n"
            case .bullets(let items): out += items.map { "- " + prose($0) + "\n" }.joined()
            case .references(let items): out += items.map { prose($0) + "\n" }.joined(separator: "\n")
            case .table(let table):
                out += "_" + prose(table.caption) + "_\n\n"
                out += "| " + table.header.map(prose).joined(separator: " | ") + " |\n"
                out +=
                    "|" + table.header.indices.map { table.numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map(prose).joined(separator: " | ") + " |\n" }
                if let note = table.note { out += "\n_Note._ " + prose(note) + "\n" }
            }
        }
        return out
    }

    /// The report as HTML: a `<section>` to put in a page.
    public static func htmlSection(_ blocks: [Block], title: String = "Methods") -> String {
        let e = ExtractFormat.escape
        var out = "<section class=\"methods\">\n<h2>\(e(title))</h2>\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "<h3>\(e(text))</h3>\n"
            case .paragraph(let text): out += "<p>\(e(text))</p>\n"
            case .bullets(let items): out += "<ul>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
            case .references(let items):
                out += "<div class=\"references\">\n" + items.map { "<p>\(e($0))</p>\n" }.joined() + "</div>\n"
            case .table(let table):
                out += "<table class=\"methods\"><caption>\(e(table.caption))</caption>\n<thead><tr>"
                for (i, name) in table.header.enumerated() {
                    out += table.numeric.contains(i) ? "<th class=\"n\">\(e(name))</th>" : "<th>\(e(name))</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>"
                    for (i, value) in row.enumerated() {
                        out += table.numeric.contains(i) ? "<td class=\"n\">\(e(value))</td>" : "<td>\(e(value))</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody></table>\n"
                if let note = table.note { out += "<p class=\"note\"><em>Note.</em> \(e(note))</p>\n" }
            }
        }
        return out + "</section>\n"
    }

    /// The styles `htmlSection` needs, for a page's `<style>`.
    public static let css = """
        section.methods table { border-collapse: collapse; font: 13px Helvetica, Arial, sans-serif; margin: .5rem 0; }
        section.methods caption { text-align: left; font-style: italic; padding-bottom: .3rem; }
        section.methods th, section.methods td { border-bottom: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
        section.methods th { border-bottom: 2px solid #444; }
        section.methods .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        section.methods .note { font-size: 13px; color: #444; }
        section.methods .references p { padding-left: 2em; text-indent: -2em; margin: .3rem 0; }
        """

    /// The report as one HTML page.
    public static func html(_ blocks: [Block], title: String = "Methods") -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(ExtractFormat.escape(title))</title>
        <style>
        body { font: 15px/1.5 Georgia, serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        h2, h3 { font-family: Helvetica, Arial, sans-serif; }
        \(css)
        @media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
        </style></head><body>
        \(htmlSection(blocks, title: title))</body></html>

        """
    }

    /// Prose into Markdown: only the marks that would change how it shows escaped
    /// (the report's own words use none; names may): emphasis, code, HTML, a table's
    /// bar, and a bracket that would open a link.
    static func prose(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            if ["\\", "`", "*", "_", "<", "|"].contains(scalar) || (scalar == "]" && ["(", "[", ":"].contains(next)) {
                out += "\\"
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
