import Foundation

/// A parsed XML element: name (without namespace prefix), attributes, children and text.
public final class XMLTree {
    public let name: String
    public let attributes: [String: String]
    public private(set) var children: [XMLTree] = []
    public private(set) var text = ""
    /// The line the element starts on.
    public let line: Int

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The children named `name`.
    public func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    /// The first child named `name`.
    public func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// Lets the last child go (a streaming reader that has taken what it needs).
    func dropLastChild() { children.removeLast() }

    /// Why XML could not be read: the part and line, and what is wrong.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var part: String
        public var line: Int
        public var problem: String
        public var description: String { "\(part):\(line): \(problem)" }
    }

    /// Parses `data`; `part` names it in errors (e.g. `project.qde`). Documents with a
    /// DOCTYPE are refused: REFI-QDA files have none, and a DTD can hide entity bombs
    /// or external entities. External entities are never resolved.
    public static func parse(_ data: Data, part: String) throws -> XMLTree {
        let builder = Builder()
        return try builder.tree(of: data, part: part)
    }

    /// How deep elements may nest. REFI-QDA codebooks and Word documents stay far
    /// below; a deeper file is refused before any code walks it.
    public static let maximumDepth = 256

    /// Builds the tree from the parser's events; readers that keep part of a
    /// document in a smaller form than a tree subclass it (`RefiImport`).
    class Builder: XMLEvents {
        var root: XMLTree?
        var stack: [XMLTree] = []
        var mismatched = false
        var rootClosed = false

        /// Parses `data` into the tree, or throws the part, line and problem.
        func tree(of data: Data, part: String) throws -> XMLTree {
            let (parsed, error) = try parse(data, part: part)
            // A root element that closed properly is a whole document.
            let complete = parsed && error == nil || rootClosed
            guard complete, stack.isEmpty, !mismatched, let root else {
                throw ParseError(
                    part: part, line: line,
                    problem: "not well-formed XML" + (error.map { " (\($0.localizedDescription))" } ?? ""))
            }
            return root
        }

        override func start(_ name: String, attributes: XMLAttributes) {
            let element = XMLTree(name: name, attributes: attributes.dictionary, line: line)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        override func end(_ name: String) {
            guard let open = stack.popLast(), open.name == name else {
                mismatched = true
                stop()
                return
            }
            if stack.isEmpty { rootClosed = true }
        }

        override func text(_ string: String) {
            stack.last?.text += string
        }
    }
}
