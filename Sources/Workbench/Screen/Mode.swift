extension State {
    /// What the workbench shows besides the transcript: one screen (or none, `.normal`),
    /// over the screens it was opened from (`State.back`).
    public struct Mode: Equatable, Sendable {
        /// The screen shown, nil in the transcript.
        public var screen: (any Screen)?

        public init(_ screen: (any Screen)?) { self.screen = screen }

        /// The transcript, no screen over it.
        public static let normal = Mode(nil)

        /// The screen shown, when it is of kind `kind`.
        public func `as`<S: Screen>(_ kind: S.Type) -> S? { screen as? S }

        /// Whether the screen shown is of kind `kind`.
        public func `is`<S: Screen>(_ kind: S.Type) -> Bool { screen is S }

        /// Drawn over the screen below it (a box or a line), not in place of it.
        var isOverlay: Bool { screen?.isOverlay ?? false }

        /// Whether keys are typed into a text field here (so `?` is a character).
        var takesText: Bool { screen?.takesText ?? false }

        public static func == (a: Mode, b: Mode) -> Bool {
            switch (a.screen, b.screen) {
            case (nil, nil): return true
            case (let x?, let y?): return x.isSame(as: y)
            default: return false
            }
        }
    }
}
