import CodingEngine

/// Writing a memo in the multi-line editor: on a coding, on the open document, or
/// the rationale for a disagreement just settled. Enter or Ctrl-S saves (an emptied
/// memo is removed), Ctrl-J starts a new line; Esc cancels, asking first when
/// something changed.
public struct MemoScreen: Screen {
    /// What the memo belongs to.
    public enum Target: Equatable, Sendable {
        case coding(NewCoding)
        case document(String)
        /// Why a disputed stretch was settled so, written from the review.
        case rationale(Settlement)
        /// A code's definition, from the codebook screen.
        case definition(String)
        /// Why an assistant's proposal is rejected, written as it is rejected (an empty
        /// why rejects it without one).
        case rejection(ProposalStep)
    }

    public var target: Target
    public var editor: TextEditor

    public init(_ target: Target, text: String?) {
        self.target = target
        editor = TextEditor(text ?? "")
    }

    var title: String {
        switch target {
        case .coding(let coding): return "Memo on \(coding.code) (\(coding.coder))"
        case .document(let name): return "Memo on \(name)"
        case .rationale(let settlement): return "Why \(settlement.kept) (\(settlement.code))"
        case .definition(let path): return "Definition of \(path)"
        case .rejection(let step):
            return "Reject \(step.proposal.code) from \(step.proposal.assistant): why? (may stay empty)"
        }
    }

    /// A memo's keys are the multi-line editor's.
    public static var keys: KeyBindings.Table { TextEditor.keys }
    public static var tables: [KeyBindings.Table] { [TextEditor.keys, TextEditor.discardKeys] }
    public var keyTables: [KeyBindings.Table] { editor.keyTables }
    public var isOverlay: Bool { true }
    public var takesText: Bool { true }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        switch editor.take(message) {
        case .saved:
            let typed = editor.text
            let new: String? = Name.trimmed(typed).isEmpty ? nil : typed
            let previous: String? = editor.original.isEmpty ? nil : editor.original
            if case .rejection(var step) = target {
                step.to = .rejected(why: new)
                return Outcome(.back, [.write(.proposal(step), intent: .record)])
            }
            guard new != previous else { return .back }
            switch target {
            case .coding(let coding):
                var current = coding
                current.memo = previous
                return Outcome(.back, [.write(.memo(current, from: previous, to: new), intent: .record)])
            case .rationale(let settlement):
                var current = settlement, written = settlement
                current.why = previous
                written.why = new
                return Outcome(
                    .back, [.write(.why(current, from: previous, to: new), intent: .record)],
                    requests: [.settled(written)])
            case .document(let name):
                return Outcome(
                    .back,
                    [.write(.documentMemo(document: name, coder: app.coder, from: previous, to: new), intent: .record)])
            case .definition(let path):
                return Outcome(.back, [.perform(.setCode(path: path, settings: CodeSettings(description: new ?? "")))])
            case .rejection: return .back
            }
        case .cancelled: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let inner = Layout.box(
            title: title, width: min(90, state.width - 4), height: min(state.height - 2, 16), &screen)
        let text = Geometry.Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - 2))
        screen.cursor = editor.draw(in: text, into: &screen)
        let hint =
            editor.confirmingDiscard
            ? "Discard the changes? " + KeyBindings.spelledOut(TextEditor.discardKeys)
            : KeyBindings.spelledOut(TextEditor.keys)
        screen.put(
            hint, x: inner.x, y: inner.bottom - 1, style: editor.confirmingDiscard ? .bold : .dim, limit: inner.right)
    }
}
