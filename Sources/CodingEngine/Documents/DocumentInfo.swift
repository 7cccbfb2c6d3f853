import Foundation

/// What a listing shows of a document: everything but its text.
public struct DocumentInfo: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var caseName: String
    /// Length of the stored text in Unicode scalars.
    public var length: Int
    public var sha256: String
    public var turnCount: Int
    /// Distinct speakers in order of first appearance.
    public var speakers: [String]
    /// Interview properties from front matter: title, participant, role, date, interviewer.
    public var properties: [CaseAttribute]
    public var sourcePath: String?
    public var importedAt: String
}

/// A document with its stored text and turns, for coding and retrieval.
public struct Document: Equatable, Sendable {
    public var info: DocumentInfo
    public var text: String
    public var turns: [Turn]

    public var name: String { info.name }
}
