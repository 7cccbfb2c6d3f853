import CodingEngine

/// What the workbench reads from and writes to a project. `Project` is the store;
/// tests use `Project.inMemory(codebook:)`.
public protocol WorkbenchStore: CodingStore {
    func document(named name: String) throws -> Document
    func codings(_ filter: CodingFilter) throws -> [Coding]
    @discardableResult func addCodings(_ codings: [NewCoding], skipExisting: Bool) throws -> CodingResult
    func removeCodings(_ codings: [NewCoding]) throws
    @discardableResult func addCode(path: String, color: String?, description: String) throws -> Code
}

extension Project: WorkbenchStore {}
