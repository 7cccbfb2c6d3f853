/// A coded passage: `[start, end)` of a document tagged with a code by a coder.
public struct Coding: Equatable, Sendable {
    public var id: Int64
    public var document: String
    public var caseName: String
    public var start: Int
    public var end: Int
    /// The code's path, e.g. `Processes/Intuiting`.
    public var code: String
    public var coder: String
    public var memo: String?
    /// The coded text.
    public var text: String
    public var createdAt: String
    public var updatedAt: String
    /// The coding's stable identity.
    public var guid: String = ""

    public var range: TextRange { TextRange(start, end) }
}
