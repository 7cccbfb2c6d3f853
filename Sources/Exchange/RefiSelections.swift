import Foundation

/// The tree of a REFI-QDA project without its text selections: each
/// `<PlainTextSelection>` of a `<TextSource>` is kept as a small record (its
/// positions, coder, memo references and codings) instead of a subtree, so a
/// project with hundreds of thousands of codings is read as a stream and never held
/// as a tree of every element.
final class RefiSelections: XMLTree.Builder {
    /// A coding of a selection, as the file wrote it.
    struct SelectionCoding {
        var guid: String?
        var creatingUser: String?
        var codeRef: String?
        var description: String?
        var noteRefs: [String] = []
        var line: Int
    }

    /// One `<PlainTextSelection>`.
    struct Selection {
        var guid: String?
        var start: String?
        var end: String?
        /// The selected text as the program wrote it (kept for the first selections
        /// of a source only: it decides the position unit).
        var name: String?
        var creatingUser: String?
        var description: String?
        var noteRefs: [String] = []
        var codings: [SelectionCoding] = []
        var line: Int
    }

    /// How many selections of each source keep their `name`.
    static let namedPerSource = 50

    /// The selections of each `<TextSource>` element, in file order.
    private(set) var selections: [ObjectIdentifier: [Selection]] = [:]

    private var selection: Selection?
    private var coding: SelectionCoding?
    /// Elements open inside the selection being read.
    private var inside: [String] = []
    private var description: String?
    /// Values that repeat on every selection (users, codes), kept once each.
    private var repeated: Set<String> = []

    /// `value`, as the same String each time it comes again.
    private func once(_ value: String?) -> String? {
        guard let value else { return nil }
        if let known = repeated.firstIndex(of: value) { return repeated[known] }
        repeated.insert(value)
        return value
    }

    /// The project's tree (without selections) and the selections of `source`.
    func selections(of source: XMLTree) -> [Selection] { selections[ObjectIdentifier(source)] ?? [] }

    /// For a reader that stores sources as they close: called once `<Sources>` opens,
    /// with the root (its earlier children complete); false stops the parse.
    var sourcesOpened: ((XMLTree) -> Bool)?
    /// Called as each child of `<Sources>` closes, with its selections; the child is
    /// then let go. False stops the parse.
    var sourceClosed: ((XMLTree, [Selection]) -> Bool)?
    /// Whether a part that must come before the sources (users, codebook, variables,
    /// cases, as the schema orders them) came after them, so they could not be
    /// stored as they closed. The parse stops.
    private(set) var outOfOrder = false
    private var sourcesSeen = false
    private static let beforeSources: Set<String> = ["Users", "CodeBook", "Variables", "Cases"]

    override func start(_ name: String, attributes: XMLAttributes) {
        guard selection != nil else {
            if name == "PlainTextSelection", let source = stack.last, source.name == "TextSource" {
                let kept = selections[ObjectIdentifier(source)]?.count ?? 0
                selection = Selection(
                    guid: attributes["guid"], start: attributes["startPosition"], end: attributes["endPosition"],
                    name: kept < Self.namedPerSource ? attributes["name"] : nil,
                    creatingUser: once(attributes["creatingUser"]), line: line)
            } else {
                super.start(name, attributes: attributes)
                if stack.count == 2, let opened = sourcesOpened {
                    if name == "Sources", !sourcesSeen {
                        sourcesSeen = true
                        if !opened(stack[0]) { stop() }
                    } else if Self.beforeSources.contains(name), sourcesSeen {
                        outOfOrder = true
                        stop()
                    }
                }
            }
            return
        }
        inside.append(name)
        switch (inside.count, name) {
        case (1, "Coding"):
            coding = SelectionCoding(
                guid: attributes["guid"], creatingUser: once(attributes["creatingUser"]), line: line)
        case (1, "NoteRef"): if let target = attributes["targetGUID"] { selection?.noteRefs.append(target) }
        case (2, "CodeRef") where inside[0] == "Coding":
            if coding?.codeRef == nil { coding?.codeRef = once(attributes["targetGUID"]) }
        case (2, "NoteRef") where inside[0] == "Coding":
            if let target = attributes["targetGUID"] { coding?.noteRefs.append(target) }
        case (1, "Description"), (2, "Description"): description = ""
        default: break
        }
    }

    override func end(_ name: String) {
        guard selection != nil else {
            super.end(name)
            if stack.count == 2, stack[1].name == "Sources", let closed = sourceClosed,
                let source = stack[1].children.last
            {
                let its = selections.removeValue(forKey: ObjectIdentifier(source)) ?? []
                stack[1].dropLastChild()
                if !closed(source, its) { stop() }
            }
            return
        }
        guard let closing = inside.popLast() else {
            // The selection itself closes.
            if let source = stack.last, let selection {
                selections[ObjectIdentifier(source), default: []].append(selection)
            }
            selection = nil
            return
        }
        switch (inside.count, closing) {
        case (0, "Coding"):
            if let coding { selection?.codings.append(coding) }
            coding = nil
        case (0, "Description"):
            if selection?.description == nil { selection?.description = description }
            description = nil
        case (1, "Description") where inside[0] == "Coding":
            if coding?.description == nil { coding?.description = description }
            description = nil
        default: break
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard selection != nil else {
            super.characters(bytes)
            return
        }
        if inside.last == "Description" { description? += String(decoding: bytes, as: UTF8.self) }
    }
}
