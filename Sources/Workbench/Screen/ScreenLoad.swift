import CodingEngine

/// A read the runtime carries out for a screen, and the kind of screen its answer
/// goes to. Two reads are the same when they read the same thing for the same kind.
public struct ScreenLoad: Equatable, Sendable, CustomStringConvertible {
    /// What is read, in words ("AgreementScreen: ana,ben").
    public let what: String
    let screen: ObjectIdentifier
    let read: @Sendable (ScreenReader) throws -> any Equatable & Sendable

    public var description: String { what }

    public static func == (a: ScreenLoad, b: ScreenLoad) -> Bool { a.what == b.what && a.screen == b.screen }
}

/// A read's answer, for the screens of the kind that asked.
public struct ScreenAnswer: Equatable, Sendable {
    let screen: ObjectIdentifier
    let data: any Equatable & Sendable

    public static func == (a: ScreenAnswer, b: ScreenAnswer) -> Bool {
        a.screen == b.screen && a.data.isSame(as: b.data)
    }
}

extension Equatable {
    fileprivate func isSame(as other: any Equatable) -> Bool { (other as? Self) == self }
}

/// What a screen's read has to read with: the project, and who is looking.
public struct ScreenReader {
    public let store: any WorkbenchStore
    /// The coder working now (blind coding decides what of others' work they see).
    public let coder: String
    /// The coder settled disagreements are written as.
    public let consensus: String
}
