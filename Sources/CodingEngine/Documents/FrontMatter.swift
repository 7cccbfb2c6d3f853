import Yams

/// The YAML block between `---` lines at the very top of a transcript.
///
/// `case` names the case; `title`, `participant`, `role`, `date`, `interviewer` and
/// `media` (the recording, see `Recording`) describe the interview (document
/// properties); every other key becomes an
/// attribute of the case. Front matter is not part of the stored text.
public struct FrontMatter: Equatable, Sendable {
    /// Keys that describe the interview itself rather than the case.
    public static let documentKeys: Set<String> = ["title", "participant", "role", "date", "interviewer", "media"]

    /// The case named by `case:`, if any.
    public var caseName: String?
    /// Interview properties (`title`, `participant`, `role`, `date`, `interviewer`, `media`), in file order.
    public var documentProperties: [CaseAttribute] = []
    /// Every other key, in file order: attributes of the case.
    public var caseAttributes: [CaseAttribute] = []

    public init() {}

    /// Splits `text` (already stored-text normalized) into front matter and body.
    /// Returns nil front matter when the text does not open with a `---` line.
    /// `path` is used in error messages only.
    public static func split(_ text: String, path: String) throws -> (frontMatter: FrontMatter?, body: String) {
        // Lines are found on the UTF-8 bytes: the header is a few lines at the top of a
        // long text, and a newline byte is always a line end in stored text.
        let bytes = text.utf8
        guard bytes.starts(with: "---\n".utf8) || text == "---" else { return (nil, text) }
        var lineStart = bytes.index(bytes.startIndex, offsetBy: 4, limitedBy: bytes.endIndex) ?? bytes.endIndex
        let yamlStart = lineStart
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yamlEnd = lineStart == yamlStart ? yamlStart : bytes.index(before: lineStart)
                let bodyStart = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
                let yaml = String(text[yamlStart..<yamlEnd])
                return (try parse(yaml, path: path, firstLine: 2), String(text[bodyStart...]))
            }
            guard lineEnd < bytes.endIndex else { break }
            lineStart = bytes.index(after: lineEnd)
        }
        throw EngineError.badFrontMatter(
            path: path, line: 1, problem: "opened with --- but never closed; end it with a line of ---")
    }

    /// Parses the YAML of a front-matter block that starts on `firstLine` of the file.
    static func parse(_ yaml: String, path: String, firstLine: Int) throws -> FrontMatter {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, YAMLCore.resolver)
        } catch {
            let (line, problem) = YAMLProblem.describe(error, lineOffset: firstLine - 1)
            throw EngineError.badFrontMatter(path: path, line: line, problem: problem)
        }
        if let node, !YAMLProblem.withinBudget(node, yaml) {
            throw EngineError.badFrontMatter(path: path, line: firstLine, problem: YAMLProblem.expansionProblem)
        }
        var result = FrontMatter()
        guard let node else { return result }
        guard case .mapping(let mapping) = node else {
            throw EngineError.badFrontMatter(path: path, line: firstLine, problem: "expected `key: value` lines")
        }
        var seen: [String: Int] = [:]
        for (keyNode, valueNode) in mapping {
            let line = (keyNode.mark?.line ?? 1) + firstLine - 1
            guard let key = keyNode.string?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                throw EngineError.badFrontMatter(path: path, line: line, problem: "a key must be a non-empty name")
            }
            // Keys are names: `"case "` is `case`, and a key given twice is refused.
            if let earlier = seen[key] {
                throw EngineError.badFrontMatter(
                    path: path, line: line, problem: "the key \(key) appears twice (also on line \(earlier))")
            }
            seen[key] = line
            let value = try attributeValue(valueNode, key: key, path: path, line: line)
            if key == "case" {
                let name = value?.description.trimmingCharacters(in: .whitespaces) ?? ""
                guard !name.isEmpty else {
                    throw EngineError.badFrontMatter(path: path, line: line, problem: "`case` needs a name")
                }
                result.caseName = name
            } else if let value {
                let attribute = CaseAttribute(key: key, value: value)
                if documentKeys.contains(key) {
                    result.documentProperties.append(attribute)
                } else {
                    result.caseAttributes.append(attribute)
                }
            }
        }
        return result
    }

    /// The typed value of one front-matter entry; nil for an empty value.
    private static func attributeValue(_ node: Node, key: String, path: String, line: Int) throws -> AttributeValue? {
        switch node {
        case .scalar:
            let value = YAMLCore.value(node)
            if let problem = value?.problem {
                throw EngineError.badFrontMatter(
                    path: path, line: line, problem: "`\(key)`: \(problem); quote it to keep it as text")
            }
            return value
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let s) = item else {
                    throw EngineError.badFrontMatter(
                        path: path, line: line, problem: "`\(key)`: a list may hold plain values only")
                }
                items.append(s.string)
            }
            return .text(items.joined(separator: "; "))
        case .mapping:
            throw EngineError.badFrontMatter(
                path: path, line: line,
                problem: "`\(key)`: nested keys are not supported; use one `key: value` per line")
        case .alias:
            throw EngineError.badFrontMatter(
                path: path, line: line, problem: "`\(key)`: YAML aliases are not supported")
        }
    }
}
