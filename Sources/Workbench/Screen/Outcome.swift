import CodingEngine

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

/// What a screen asks of the workbench beyond itself: the reducer does it, after the
/// transition, in order.
public enum Request: Equatable, Sendable {
    /// A transcript command (quit, a pane shown, …).
    case command(Command)
    /// Codes the selection, or the turn, with a code (as a hotkey does).
    case code(String)
    /// Shows a passage selected in the transcript, opening its document.
    case show(TextRange, in: String)
    /// Opens a document in the transcript.
    case open(String)
    /// Runs a `:` command line.
    case commandLine(String)
    /// Searches the open transcript.
    case find(String)
    /// Remembers a code as the last one applied (`.` applies it again).
    case lastCode(String)
    /// Ends the selection in the transcript.
    case unselect
    /// Remembers a decision just taken (its why is written next with `m`).
    case settled(Settlement)
    /// Edits a disputed stretch in the transcript as the consensus coder.
    case editAsConsensus(Disagreement)
    /// Back from editing as the consensus coder to the review, as oneself.
    case backToReview
}

/// A screen's answer to a key: where to go, what to ask of the workbench, the work
/// for the runtime, and what to say in the status bar.
public struct Outcome: Equatable, Sendable {
    public var transition: Transition
    public var effects: [Effect]
    public var requests: [Request]
    public var message: String?

    public init(
        _ transition: Transition = .stay, _ effects: [Effect] = [], requests: [Request] = [], message: String? = nil
    ) {
        self.transition = transition
        self.effects = effects
        self.requests = requests
        self.message = message
    }

    public static let stay = Outcome()
    public static let back = Outcome(.back)
    public static let close = Outcome(.close)

    /// Staying, saying something in the status bar.
    public static func say(_ message: String?) -> Outcome { Outcome(message: message) }

    /// Opening `screen` on top, with the reads that fill it.
    public static func open(_ screen: some Screen, _ app: State) -> Outcome {
        Outcome(.push(State.Mode(screen)), screen.load(app))
    }

    /// Putting `screen` in this one's place, with the reads that fill it.
    public static func replace(with screen: some Screen, _ app: State) -> Outcome {
        Outcome(.replace(State.Mode(screen)), screen.load(app))
    }
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

    /// Changes every open screen: the one shown and those below it (data loaded for
    /// a screen that another was opened over still arrives).
    mutating func updateScreens(_ change: (inout Mode) -> Void) {
        change(&mode)
        for index in back.indices { change(&back[index]) }
    }
}
