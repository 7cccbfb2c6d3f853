import GRDB

extension Project {
    /// Where a coder was in the workbench: a document and a scalar offset in it.
    public struct Position: Equatable, Sendable {
        public var document: String
        public var offset: Int

        public init(document: String, offset: Int) {
            self.document = document
            self.offset = offset
        }
    }

    /// Keeps where `coder` is, so that the workbench reopens there. One transaction.
    public func setPosition(of coder: String, to position: Position) throws {
        try write { db in
            try ProjectInfo.set(
                db, "position/" + Name.normalized(coder), to: "\(position.offset)\u{1F}\(position.document)")
        }
    }

    /// Where `coder` was last, if the workbench has kept it.
    public func position(of coder: String) throws -> Position? {
        guard let value = try info("position/" + Name.normalized(coder)),
            let separator = value.firstIndex(of: "\u{1F}"),
            let offset = Int(value[..<separator])
        else { return nil }
        return Position(document: String(value[value.index(after: separator)...]), offset: offset)
    }
}
