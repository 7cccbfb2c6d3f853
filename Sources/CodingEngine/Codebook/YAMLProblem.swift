import Yams

/// Turns a Yams error into a line number and a short problem statement.
enum YAMLProblem {
    /// Parses `yaml` into a node tree; a syntax error becomes `invalidFile` naming
    /// `file` and the line.
    static func compose(_ yaml: String, file: String) throws -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, YAMLCore.resolver)
        } catch {
            let (line, problem) = describe(error)
            throw EngineError.invalidFile(file: file, line: line, problem: problem)
        }
        if let node, !withinBudget(node, yaml) {
            throw EngineError.invalidFile(file: file, line: 1, problem: expansionProblem)
        }
        return node
    }

    static let expansionProblem =
        "YAML aliases (*name) that repeat parts of the file many times over (an alias bomb?); write the codes out instead"

    /// Whether walking `node` visits no more nodes than the text could hold without
    /// aliases (which YAML shares, so that a few hundred bytes can stand for millions
    /// of nodes). The walk stops as soon as the budget is spent.
    static func withinBudget(_ node: Node, _ yaml: String) -> Bool {
        var budget = yaml.utf8.count + 16
        var pending = [node]
        while let next = pending.popLast() {
            budget -= 1
            if budget < 0 { return false }
            switch next {
            case .scalar, .alias: continue
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            }
        }
        return true
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
