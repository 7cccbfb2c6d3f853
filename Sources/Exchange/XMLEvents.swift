import CLibXML2
import Foundation

/// XML read as a stream of elements, with what every reader of untrusted XML needs:
/// the bytes prepared first (DTDs refused in any encoding, see `XMLInput`), external
/// entities never resolved and nothing fetched from the network, element names
/// without their namespace prefix, and a depth limit (`XMLTree.maximumDepth`) past
/// which the parse stops with a clear error before any code walks the document.
/// Readers subclass it and override `start`, `end` and `text`.
///
/// The parser is libxml2's SAX2 push parser, called directly: names come as local
/// names and attributes as byte ranges, with no bridging per element.
class XMLEvents {
    /// How deep the parser is now.
    private(set) var depth = 0
    private var tooDeep = false
    private var context: xmlParserCtxtPtr?
    private var stopped = false

    /// The parser's line, for elements and errors (after the parse, the line it stopped on).
    var line: Int { context.map { max(1, Int(xmlSAX2GetLineNumber($0))) } ?? lastLine }
    private var lastLine = 1

    func start(_ name: String, attributes: XMLAttributes) {}
    func end(_ name: String) {}
    func text(_ string: String) {}
    /// Character data as the parser gives it; decoded and passed to `text` unless a
    /// reader that skips most text overrides it.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        text(String(decoding: bytes, as: UTF8.self))
    }

    /// Element names by the parser's interned pointer: each name is made a String once.
    private var names: [UnsafeRawPointer: String] = [:]
    private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    /// Stops the parse (a reader that found what it cannot accept).
    func stop() {
        stopped = true
        if let context { xmlStopParser(context) }
    }

    /// Parses `data`; returns whether the parser reached the end without an error,
    /// and its error. `part` names the data in errors.
    func parse(_ data: Data, part: String) throws -> (parsed: Bool, error: NSError?) {
        let input = try XMLInput.prepared(data, part: part)
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, localName, prefix, _, _, _, attributeCount, _, attributes in
            XMLEvents.from(user).started(localName, prefix: prefix, count: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { user, localName, _, _ in
            let events = XMLEvents.from(user)
            events.depth -= 1
            // Safe: libxml2's SAX2 handlers always pass the element's local name.
            events.end(events.name(localName!))
        }
        handler.characters = { user, bytes, count in
            XMLEvents.from(user).characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.cdataBlock = handler.characters
        // Errors are read from the context at the end, never printed.
        handler.serror = { _, _ in }
        names = [:] // pointers of an earlier parse's names mean nothing now
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, user, nil, 0, nil) else {
            throw XMLTree.ParseError(part: part, line: 1, problem: "the XML parser could not start")
        }
        self.context = context
        defer {
            lastLine = line
            self.context = nil
            xmlFreeParserCtxt(context)
        }
        // Nothing from the network; XML's own five entities and character references
        // decoded in attribute values too (there is no DTD to declare others: `XMLInput`
        // refuses one); texts longer than libxml2's default 10 MB limit are allowed
        // (depth is limited here).
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_HUGE.rawValue))
        let chunk = 1 << 20
        let status: Int32 = input.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: CChar.self).baseAddress
            var offset = 0
            repeat {
                let size = min(chunk, raw.count - offset)
                let last = offset + size >= raw.count
                let code = xmlParseChunk(context, base.map { $0 + offset }, Int32(size), last ? 1 : 0)
                if code != 0 || stopped { return code == 0 ? -1 : code }
                offset += size
            } while offset < raw.count
            return 0
        }
        if tooDeep {
            throw XMLTree.ParseError(
                part: part, line: line,
                problem:
                    "elements nested more than \(XMLTree.maximumDepth) deep, which no QDA program writes; the file is damaged or hostile"
            )
        }
        guard status != 0 || stopped else { return (true, nil) }
        let message =
            xmlCtxtGetLastError(context).flatMap { $0.pointee.message.map { String(cString: $0) } }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "stopped"
        return (false, NSError(domain: "XMLParser", code: Int(status), userInfo: [NSLocalizedDescriptionKey: message]))
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> XMLEvents {
        // Safe: the parser context is made with this object as its user data.
        Unmanaged<XMLEvents>.fromOpaque(user!).takeUnretainedValue()
    }

    private func started(
        _ localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, count: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard depth < XMLTree.maximumDepth else {
            tooDeep = true
            stop()
            return
        }
        depth += 1
        // Safe: libxml2's SAX2 handlers always pass the element's local name.
        start(name(localName!), attributes: XMLAttributes(count: count, attributes: attributes))
    }
}
