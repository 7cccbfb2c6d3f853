import CodingEngine

/// A screen of the workbench: one value with its own key tables, its own state, how it
/// draws itself, and the reads that fill it. The reducer, the session and the view
/// reach every screen through this one protocol, so adding a screen is adding one
/// file (and its line in `ScreenCatalogue`).
///
/// A screen changes only itself. What it wants of the rest of the workbench (a
/// screen opened over it, a write, a message in the status bar, the transcript shown
/// at a passage) it asks for in the `Outcome` it returns.
public protocol Screen: Equatable, Sendable {
    /// What the screen's reads bring it (`Never` when it reads nothing).
    associatedtype Data: Equatable & Sendable = Never

    /// The screen's own keys (its hints show in the status bar).
    static var keys: KeyBindings.Table { get }

    /// Every table the screen answers keys from at one time or another (its own, a
    /// question's), for the help.
    static var tables: [KeyBindings.Table] { get }

    /// The tables that answer keys here: the screen's own first (the status bar hints
    /// it), then those of the components it embeds (a list's, a field's).
    var keyTables: [KeyBindings.Table] { get }

    /// What a key does: `.command` when a key table binds it, `.key` otherwise (a
    /// character typed into a field). `app` is the workbench as it is, to read only.
    mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome

    /// Draws the screen over the panes (the whole body, or a box or a line).
    func draw(_ app: State, into screen: inout ScreenBuffer)

    /// The reads that fill the screen when it opens.
    func load(_ app: State) -> [Effect]

    /// A read's answer arriving. Its outcome is followed only while the screen shows.
    mutating func receive(_ data: Data, _ app: State) -> Outcome

    /// Something was written: what to read again, if what the screen shows changed.
    mutating func written(_ edit: State.Edit, _ app: State) -> [Effect]

    /// Drawn over the screen below it (a box or a line), not in place of it.
    var isOverlay: Bool { get }

    /// Whether keys are typed into a text field here (so `?` is a character).
    var takesText: Bool { get }

    /// Whether `command` does something here now: the status bar hints only what does
    /// (no "m why" before anything is settled).
    func offers(_ command: Command, _ app: State) -> Bool
}

/// What reaches a screen: a command from its key tables, or a key none binds.
public enum ScreenMessage: Equatable, Sendable {
    case command(Command)
    case key(Key)
}

extension Screen {
    public static var tables: [KeyBindings.Table] { [keys] }
    public func load(_ app: State) -> [Effect] { [] }
    public mutating func receive(_ data: Data, _ app: State) -> Outcome { .stay }
    public mutating func written(_ edit: State.Edit, _ app: State) -> [Effect] { [] }
    public var isOverlay: Bool { false }
    public var takesText: Bool { false }
    public func offers(_ command: Command, _ app: State) -> Bool { true }

    /// Whether `other` is this very screen, as it is now.
    func isSame(as other: any Screen) -> Bool { (other as? Self) == self }

    /// Takes a read's answer when it is for this kind of screen.
    mutating func take(_ answer: ScreenAnswer, _ app: State) -> Outcome? {
        guard answer.screen == ObjectIdentifier(Self.self), let data = answer.data as? Data else { return nil }
        return receive(data, app)
    }

    /// A read whose answer comes back to screens of this kind (`what` names it, for
    /// tests and for telling two reads apart).
    public static func reading(_ what: String, _ read: @escaping @Sendable (ScreenReader) throws -> Data) -> Effect {
        .load(ScreenLoad(what: "\(Self.self): \(what)", screen: ObjectIdentifier(Self.self), read: { try read($0) }))
    }
}
