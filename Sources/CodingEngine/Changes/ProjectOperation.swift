/// A change to the codebook, a case or a document, as a value: what the workbench
/// asks the project to do (and keeps, with the change it made, to undo it).
public enum ProjectOperation: Equatable, Sendable {
    /// A new code (folders as needed), and optionally a first coding with it, as one change.
    case addCode(path: String, settings: CodeSettings, coding: NewCoding?)
    case renameCode(path: String, name: String)
    /// `folder` nil for the top level.
    case moveCode(path: String, folder: String?)
    case mergeCodes(sources: [String], target: String, makeCodable: Bool)
    case deleteCode(path: String, withCodings: Bool)
    case setCode(path: String, settings: CodeSettings)
    /// Codings moved to the code at `path` (made first when `creating` and missing).
    case recode(ids: [Int64], path: String, creating: Bool)
    case renameCase(name: String, newName: String)
    case mergeCase(source: String, target: String)
    case renameDocument(name: String, newName: String)
    case moveDocument(name: String, caseName: String)
    case removeDocument(name: String)
}

extension Project {
    /// Carries out `operation` as `who`, in one transaction kept in the history.
    public func perform(_ operation: ProjectOperation, by who: String) throws -> ProjectChange {
        switch operation {
        case .addCode(let path, let settings, let coding):
            return try addCode(path, settings: settings, coding: coding, by: who)
        case .renameCode(let path, let name): return try renameCode(path, to: name, by: who)
        case .moveCode(let path, let folder): return try moveCode(path, to: folder, by: who)
        case .mergeCodes(let sources, let target, let makeCodable):
            return try mergeCodes(sources, into: target, makeCodable: makeCodable, by: who)
        case .deleteCode(let path, let withCodings): return try deleteCode(path, withCodings: withCodings, by: who)
        case .setCode(let path, let settings): return try setCode(path, settings, by: who)
        case .recode(let ids, let path, let creating): return try recode(ids, to: path, creating: creating, by: who)
        case .renameCase(let name, let newName): return try renameCase(name, to: newName, by: who)
        case .mergeCase(let source, let target): return try mergeCase(source, into: target, by: who)
        case .renameDocument(let name, let newName): return try renameDocument(name, to: newName, by: who)
        case .moveDocument(let name, let caseName): return try moveDocument(name, toCase: caseName, by: who)
        case .removeDocument(let name): return try removeDocument(name, by: who)
        }
    }
}
