/// Every kind of screen, in one list: adding a screen is writing its file and adding
/// it here. The help lists every screen's keys from it, and the transcript's table
/// takes the opening keys of the places in it.
public enum ScreenCatalogue {
    /// Every screen, in the order the help lists their keys.
    public static let screens: [any Screen.Type] = [
        PickerScreen.self, LineScreen.self, RemovalScreen.self, MemoScreen.self, ReaderScreen.self,
        FrequencyScreen.self,
        AgreementScreen.self, ReviewScreen.self, HeatMapScreen.self, MatrixScreen.self, SummaryScreen.self,
        FlowScreen.self,
        QueryScreen.self, SearchScreen.self, MemoBrowserScreen.self, CodebookScreen.self, ProposalsScreen.self,
        HelpScreen.self,
    ]

    /// The screens the transcript opens with a key of their own, in the order of
    /// `screens` (the transcript's table lists them so).
    public static let places: [any TranscriptPlace.Type] = screens.compactMap { $0 as? any TranscriptPlace.Type }

    /// The place `name` names (a `Command.open`).
    static func place(named name: String) -> (any TranscriptPlace.Type)? {
        places.first { String(describing: $0) == name }
    }

    /// The transcript's bindings that open the places.
    static var openingBindings: [KeyBindings.Binding] {
        places.map { KeyBindings.Binding($0.opening.keys, $0.command, $0.opening.help) }
    }
}
