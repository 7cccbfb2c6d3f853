import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML read as a stream of elements, with what every reader of untrusted XML needs:
/// the bytes prepared first (DTDs refused in any encoding, see `XMLInput`), external
/// entities never resolved, element names without their namespace prefix, and a
/// depth limit (`XMLTree.maximumDepth`) past which the parse stops with a clear
/// error before any code walks the document. Readers subclass it and override
/// `start`, `end` and `text`.
class XMLEvents: NSObject, XMLParserDelegate {
    /// How deep the parser is now.
    private(set) var depth = 0
    private var tooDeep = false
    private weak var parser: XMLParser?

    /// The parser's line, for elements and errors.
    var line: Int { max(1, parser?.lineNumber ?? 1) }

    func start(_ name: String, attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    /// Stops the parse (a reader that found what it cannot accept).
    func stop() { parser?.abortParsing() }

    /// Parses `data`; returns whether the parser reached the end without an error,
    /// and its error. `part` names the data in errors.
    func parse(_ data: Data, part: String) throws -> (parsed: Bool, error: NSError?) {
        let parser = XMLParser(data: try XMLInput.prepared(data, part: part))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        self.parser = parser
        let parsed = parser.parse()
        if tooDeep {
            throw XMLTree.ParseError(part: part, line: line,
                                     problem: "elements nested more than \(XMLTree.maximumDepth) deep, which no QDA program writes; the file is damaged or hostile")
        }
        return (parsed, parser.parserError as NSError?)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard depth < XMLTree.maximumDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        depth += 1
        start(Self.localName(elementName), attributes: attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        end(Self.localName(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text(String(decoding: CDATABlock, as: UTF8.self)) }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
