import Yams

/// Turns a Yams error into a line number and a short problem statement.
enum YAMLProblem {
    /// Parses `yaml` into a node tree; a syntax error becomes `invalidFile` naming
    /// `file` and the line.
    static func compose(_ yaml: String, file: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch {
            let (line, problem) = describe(error)
            throw EngineError.invalidFile(file: file, line: line, problem: problem)
        }
    }

    /// The 1-based line and the problem of a YAML syntax error; `lineOffset` is
    /// added to the line so that it counts in the whole file.
    static func describe(_ error: Error, lineOffset: Int = 0) -> (line: Int, problem: String) {
        guard let yamlError = error as? YamlError else {
            return (1 + lineOffset, "\(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\($0.text); \(problem)" } ?? problem
            return (mark.line + lineOffset, "YAML syntax: \(text)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line + lineOffset, "the key \(duplicates.joined(separator: ", ")) appears twice")
        case .reader(let problem, _, _, _):
            return (1 + lineOffset, "YAML: \(problem)")
        default:
            return (1 + lineOffset, "YAML: \(yamlError)")
        }
    }
}
