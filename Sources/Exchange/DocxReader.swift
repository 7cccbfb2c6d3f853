import CodingEngine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Word documents: the text of each paragraph of the body, in order; speaker labels
/// are found as in plain text. Tables and pictures are skipped.
///
/// Only `word/document.xml` is unpacked, and it may unpack to at most
/// `maximumBytes` (128 MiB: far more than the longest interview, far less than a zip
/// bomb). It is read as a stream of elements, never held as a tree.
public enum DocxReader {
    public static let maximumBytes: UInt64 = 128 << 20

    public static func read(path: String, name: String, caseName: String) throws -> Transcript {
        let part = "word/document.xml"
        let archive = try SafeArchive(path: path, maximumBytes: maximumBytes) { $0.lowercased() == part }
        guard let xml = archive.file(part) else { throw ExchangeError.missingPart(path: path, part: part) }
        let body: String
        do {
            body = try ParagraphReader.text(of: XMLInput.prepared(xml, part: part), part: part)
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
        return try Transcript.parse(bytes: Array(body.utf8), path: path, name: name, caseName: caseName, folderName: nil, frontMatter: false)
    }

    /// Collects the body's paragraphs as the parser reports elements: the text of
    /// `t` elements, `tab` as a tab, `br` and `cr` as line breaks, nothing inside
    /// drawings, pictures and embedded objects; paragraphs joined by blank lines.
    private final class ParagraphReader: NSObject, XMLParserDelegate {
        var paragraphs: [String] = []
        var current: String?
        var names: [String] = []
        var skipping = 0
        var tooDeep = false

        static func text(of data: Data, part: String) throws -> String {
            let reader = ParagraphReader()
            let parser = XMLParser(data: data)
            parser.shouldResolveExternalEntities = false
            parser.shouldProcessNamespaces = true
            parser.delegate = reader
            let parsed = parser.parse()
            if reader.tooDeep {
                throw XMLTree.ParseError(part: part, line: max(1, parser.lineNumber),
                                         problem: "elements nested more than \(XMLTree.maximumDepth) deep, which no QDA program writes; the file is damaged or hostile")
            }
            guard parsed || reader.names.isEmpty && !reader.paragraphs.isEmpty || parser.parserError == nil else {
                throw XMLTree.ParseError(part: part, line: max(1, parser.lineNumber), problem: "not well-formed XML")
            }
            return reader.paragraphs.joined(separator: "\n\n")
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            guard names.count < XMLTree.maximumDepth else {
                tooDeep = true
                parser.abortParsing()
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            if local == "p", names.last == "body" { current = "" }
            if current != nil {
                switch local {
                case "drawing", "pict", "object": skipping += 1
                case "tab" where skipping == 0: current? += "\t"
                case "br", "cr": if skipping == 0 { current? += "\n" }
                default: break
                }
            }
            names.append(local)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let local = names.popLast() else { return }
            if current != nil, ["drawing", "pict", "object"].contains(local) { skipping -= 1 }
            if local == "p", names.last == "body", let paragraph = current {
                paragraphs.append(paragraph)
                current = nil
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if current != nil, skipping == 0, names.last == "t" { current? += string }
        }
    }
}
