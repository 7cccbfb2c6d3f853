/// A one-line field at the bottom: the `:` command line or a search.
public struct LineScreen: Screen {
    public enum Purpose: Equatable, Sendable { case command, search }
    public var purpose: Purpose
    public var editor = LineEditor()

    public init(_ purpose: Purpose) { self.purpose = purpose }

    public static let keys = KeyBindings.Table(
        title: "Command line and search",
        bindings: [
            .init([.enter, .control("s")], .submit, "run the command, or search", hint: true, word: "run"),
            .init([.escape], .cancel, "cancel", hint: true),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, LineEditor.keys] }
    public var isOverlay: Bool { true }
    public var takesText: Bool { true }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        // Backspace on an empty line closes it, as in vi.
        if message == .command(.editBackspace), editor.isEmpty { return .back }
        switch editor.take(message) {
        case .submitted:
            // The line closes, then what was typed runs on the transcript.
            return Outcome(.back, requests: [purpose == .command ? .commandLine(editor.text) : .find(editor.text)])
        case .cancelled: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        Layout.bottomField(
            purpose == .command ? ":" : "/", style: .reverse, editor: editor, keys: Self.keys, state, &screen)
    }
}
