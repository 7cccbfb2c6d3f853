import CodingEngine
import Foundation

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
            body = try ParagraphReader.text(of: xml, part: part)
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
        return try Transcript.parse(
            bytes: Array(body.utf8), path: path, name: name, caseName: caseName, folderName: nil, frontMatter: false)
    }

    /// Collects the body's paragraphs as the parser reports elements: the text of
    /// `t` elements, `tab` as a tab, `br` and `cr` as line breaks, nothing inside
    /// drawings, pictures and embedded objects; paragraphs joined by blank lines.
    private final class ParagraphReader: XMLEvents {
        var paragraphs: [String] = []
        var current: String?
        var names: [String] = []
        var skipping = 0

        static func text(of data: Data, part: String) throws -> String {
            let reader = ParagraphReader()
            let (parsed, error) = try reader.parse(data, part: part)
            guard parsed || error == nil || reader.names.isEmpty && !reader.paragraphs.isEmpty else {
                throw XMLTree.ParseError(part: part, line: reader.line, problem: "not well-formed XML")
            }
            return reader.paragraphs.joined(separator: "\n\n")
        }

        override func start(_ name: String, attributes: XMLAttributes) {
            if name == "p", names.last == "body" { current = "" }
            if current != nil {
                switch name {
                case "drawing", "pict", "object": skipping += 1
                case "tab" where skipping == 0: current? += "\t"
                case "br", "cr": if skipping == 0 { current? += "\n" }
                default: break
                }
            }
            names.append(name)
        }

        override func end(_ name: String) {
            guard let name = names.popLast() else { return }
            if current != nil, ["drawing", "pict", "object"].contains(name) { skipping -= 1 }
            if name == "p", names.last == "body", let paragraph = current {
                paragraphs.append(paragraph)
                current = nil
            }
        }

        override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
            if current != nil, skipping == 0, names.last == "t" { current? += String(decoding: bytes, as: UTF8.self) }
        }
    }
}
