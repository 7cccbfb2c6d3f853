import Yams

/// A codebook as written in YAML: a name and a tree of codes, order preserved.
///
/// ```yaml
/// name: 5I organisational learning
/// codes:
///   - name: Processes
///     codable: false
///     color: "#4363d8"
///     children:
///       - name: Intuiting
///         hotkey: "1"
///         color: "#e6194b"
///         description: Pre-conscious recognition of patterns ...
/// ```
/// A codebook with duplicate sibling names, duplicate hotkeys, a bad colour, an
/// unknown key or a YAML syntax error is refused with the file, line and problem.
public struct CodebookFile: Equatable, Sendable {
    public var name: String
    public var codes: [CodeDefinition]

    public init(name: String, codes: [CodeDefinition]) {
        self.name = name
        self.codes = codes
    }

    /// Colours given to codes that name none, in order of appearance.
    /// Each readable on dark and on light backgrounds (neither black nor white, none
    /// pale), and different from one another.
    public static let palette = [
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#c040d0", "#22a8c3",
        "#ad9b1e", "#d82686", "#5751e0", "#c35822", "#22c387", "#993bdc",
        "#2272c3", "#8fad1e", "#c38d22", "#22c3bc", "#ca26d8", "#d83d26",
    ]

    /// A colour no code in `used` has: the palette's first free one, then hues a golden
    /// angle apart (readable on dark and light, as the palette's are), so a new code
    /// never takes another's colour.
    public static func unusedColour(_ used: Set<String>) -> String {
        let taken = Set(used.map { $0.lowercased() })
        if let free = palette.first(where: { !taken.contains($0) }) { return free }
        for step in 0..<720 {
            let hue = (Double(step) * 137.508).truncatingRemainder(dividingBy: 360)
            let lightness = [0.48, 0.40, 0.56][(step / 240) % 3]
            let colour = hex(hue: hue, saturation: 0.65, lightness: lightness)
            if !taken.contains(colour) { return colour }
        }
        return fallbackColor
    }

    /// `#rrggbb` from hue (degrees), saturation and lightness (0 to 1).
    static func hex(hue: Double, saturation: Double, lightness: Double) -> String {
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let x = chroma * (1 - abs((hue / 60).truncatingRemainder(dividingBy: 2) - 1))
        let m = lightness - chroma / 2
        let (r, g, b): (Double, Double, Double) =
            switch Int(hue / 60) % 6 {
            case 0: (chroma, x, 0)
            case 1: (x, chroma, 0)
            case 2: (0, chroma, x)
            case 3: (0, x, chroma)
            case 4: (x, 0, chroma)
            default: (chroma, 0, x)
            }
        let digits = Array("0123456789abcdef")
        return "#"
            + [r, g, b].map { value -> String in
                let byte = max(0, min(255, Int(((value + m) * 255).rounded())))
                return String([digits[byte >> 4], digits[byte & 15]])
            }.joined()
    }

    /// The colour of a code whose colour is missing or not `#rrggbb` in a file from
    /// another program.
    public static let fallbackColor = "#808080"

    private static let codeKeys: Set<String> = [
        "name", "description", "color", "colour", "hotkey", "codable", "children",
    ]

    /// Parses and validates a codebook; `file` names it in error messages.
    public static func parse(_ yaml: String, file: String) throws -> CodebookFile {
        let root = try YAMLProblem.compose(yaml, file: file)
        func fail(_ node: Node?, _ problem: String) -> EngineError {
            .invalidFile(file: file, line: node?.mark?.line ?? 1, problem: problem)
        }
        guard let root, case .mapping(let top) = root else {
            throw fail(root, "a codebook is a mapping with `name:` and `codes:`")
        }
        for key in top.keys where !["name", "codes", "description"].contains(key.string ?? "") {
            throw fail(key, "unknown key `\(key.string ?? "?")`; a codebook has `name`, `description` and `codes`")
        }
        let name = top["name"]?.string ?? "Codebook"
        guard let codesNode = top["codes"], case .sequence(let sequence) = codesNode else {
            throw fail(root, "`codes:` must list the codes, each starting with `- name:`")
        }
        var colourIndex = 0
        var hotkeys: [String: (path: String, line: Int)] = [:]

        func code(_ node: Node, parentPath: String) throws -> CodeDefinition {
            guard case .mapping(let mapping) = node else {
                throw fail(node, "each code is a mapping starting with `- name:`")
            }
            for key in mapping.keys where !codeKeys.contains(key.string ?? "") {
                throw fail(
                    key,
                    "unknown key `\(key.string ?? "?")` in a code; use name, description, color, hotkey, codable, children"
                )
            }
            let line = node.mark?.line ?? 1
            guard let name = mapping["name"]?.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw fail(node, "a code needs a `name`")
            }
            guard !name.contains("/") else {
                throw fail(mapping["name"], "code name \"\(name)\" contains `/`, which separates code paths")
            }
            let path = parentPath.isEmpty ? name : parentPath + "/" + name
            guard path.split(separator: "/").count <= Codebook.maximumDepth + 1 else {
                throw fail(node, "codes nested more than \(Codebook.maximumDepth) levels deep")
            }
            var color: String
            if let colorNode = mapping["color"] ?? mapping["colour"] {
                guard let raw = colorNode.string, let normalized = normalizedColor(raw) else {
                    throw fail(
                        colorNode,
                        "\(path): bad colour \"\(colorNode.string ?? "")\"; write it as #rrggbb, e.g. \"#e6194b\"")
                }
                color = normalized
            } else {
                color = palette[colourIndex % palette.count]
                colourIndex += 1
            }
            var hotkey: String?
            if let hotkeyNode = mapping["hotkey"] {
                let key = hotkeyNode.string ?? ""
                if let problem = Hotkey.problem(key) { throw fail(hotkeyNode, "\(path): \(problem)") }
                if let earlier = hotkeys[key] {
                    throw fail(
                        hotkeyNode,
                        "\(path): hotkey \"\(key)\" is already used by \(earlier.path) (line \(earlier.line))")
                }
                hotkeys[key] = (path, hotkeyNode.mark?.line ?? line)
                hotkey = key
            }
            var codable = true
            if let codableNode = mapping["codable"] {
                guard let value = codableNode.bool else {
                    throw fail(codableNode, "\(path): `codable` is true or false")
                }
                codable = value
            }
            var children: [CodeDefinition] = []
            if let childrenNode = mapping["children"] {
                guard case .sequence(let childNodes) = childrenNode else {
                    throw fail(childrenNode, "\(path): `children:` must list codes, each starting with `- name:`")
                }
                children = try siblings(Array(childNodes), parentPath: path)
            }
            return CodeDefinition(
                name: name,
                description: mapping["description"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                color: color, hotkey: hotkey, codable: codable, children: children, line: line)
        }

        func siblings(_ nodes: [Node], parentPath: String) throws -> [CodeDefinition] {
            var seen: [String: Int] = [:]
            var result: [CodeDefinition] = []
            for node in nodes {
                let definition = try code(node, parentPath: parentPath)
                let key = definition.name.lowercased()
                if let earlier = seen[key] {
                    let path = parentPath.isEmpty ? definition.name : parentPath + "/" + definition.name
                    throw EngineError.invalidFile(
                        file: file, line: definition.line,
                        problem:
                            "duplicate code \"\(path)\" (also on line \(earlier)); sibling codes need different names")
                }
                seen[key] = definition.line
                result.append(definition)
            }
            return result
        }

        return CodebookFile(name: name, codes: try siblings(Array(sequence), parentPath: ""))
    }

    /// `#rrggbb` in lowercase, or nil when `raw` is not a 6-digit hex colour
    /// (a 3-digit `#rgb` is widened).
    public static func normalizedColor(_ raw: String) -> String? {
        var hex = Name.trimmed(raw)
        guard hex.hasPrefix("#") else { return nil }
        hex.removeFirst()
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
        return "#" + hex.lowercased()
    }

    /// Every code in preorder with its path, for writing into a project.
    public func flattened() -> [(path: String, parentPath: String?, position: Int, definition: CodeDefinition)] {
        var result: [(String, String?, Int, CodeDefinition)] = []
        func walk(_ codes: [CodeDefinition], parent: String?) {
            for (position, code) in codes.enumerated() {
                let path = parent.map { $0 + "/" + code.name } ?? code.name
                result.append((path, parent, position, code))
                walk(code.children, parent: path)
            }
        }
        walk(codes, parent: nil)
        return result
    }
}

extension CodebookFile {
    /// The codebook as YAML in the format `parse` reads, order preserved.
    public func yaml() throws -> String {
        func scalar(_ s: String) -> Node { Node(s, Tag(.str), s.contains("\n") ? .literal : .doubleQuoted) }
        func plain(_ s: String) -> Node { Node(s, Tag(.str), .plain) }
        func code(_ definition: CodeDefinition) -> Node {
            var pairs: [(Node, Node)] = [(plain("name"), scalar(definition.name))]
            if !definition.codable { pairs.append((plain("codable"), Node("false", Tag(.bool), .plain))) }
            if let hotkey = definition.hotkey { pairs.append((plain("hotkey"), scalar(hotkey))) }
            pairs.append((plain("color"), scalar(definition.color)))
            if !definition.description.isEmpty { pairs.append((plain("description"), scalar(definition.description))) }
            if !definition.children.isEmpty {
                pairs.append((plain("children"), Node.sequence(Node.Sequence(definition.children.map(code)))))
            }
            return Node.mapping(Node.Mapping(pairs))
        }
        let root = Node.mapping(
            Node.Mapping([
                (plain("name"), scalar(name)),
                (plain("codes"), Node.sequence(Node.Sequence(codes.map(code)))),
            ]))
        return try Yams.serialize(node: root, width: -1, allowUnicode: true)
    }
}
