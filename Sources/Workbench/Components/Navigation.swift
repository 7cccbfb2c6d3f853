/// What a screen's key did to where one is: stay (with the screen changed), open
/// another screen on top, replace this one, go back one level, or leave every
/// screen for the transcript. Screens answer with it; the reducer applies it, so
/// Esc always goes back exactly one level (reader → grid → transcript).
public enum Transition: Equatable, Sendable {
    case stay
    case push(State.Mode)
    case replace(State.Mode)
    case back
    case close
}

/// A screen's answer to a key: where to go, and the work for the runtime.
public struct Outcome: Equatable, Sendable {
    public var transition: Transition
    public var effects: [Effect]

    public init(_ transition: Transition = .stay, _ effects: [Effect] = []) {
        self.transition = transition
        self.effects = effects
    }

    public static let stay = Outcome()
    public static let back = Outcome(.back)
    public static let close = Outcome(.close)
}

extension State {
    /// Shows `screen` on top of the one shown now (which Esc returns to).
    public mutating func push(_ screen: Mode) {
        if mode != .normal { back.append(mode) }
        mode = screen
    }

    /// Goes back one level: the screen below, or the transcript.
    public mutating func goBack() {
        mode = back.popLast() ?? .normal
    }

    /// Leaves every screen for the transcript.
    public mutating func closeScreens() {
        back.removeAll()
        mode = .normal
    }

    /// Applies what a screen answered; `updated` is the screen as the key left it.
    mutating func apply(_ outcome: Outcome, updated: Mode) -> [Effect] {
        switch outcome.transition {
        case .stay: mode = updated
        case .push(let next):
            mode = updated
            push(next)
        case .replace(let next): mode = next
        case .back: goBack()
        case .close: closeScreens()
        }
        return outcome.effects
    }

    /// Changes every open screen of one kind: the one shown and those below it (data
    /// loaded for a screen that another was opened over still arrives).
    mutating func updateScreens(_ change: (inout Mode) -> Void) {
        change(&mode)
        for index in back.indices { change(&back[index]) }
    }
}
