import CodingEngine
import Foundation

/// The agreement table of two coders, worst code first, alpha coloured by
/// Krippendorff's thresholds; Enter steps through a code's disagreements.
public struct AgreementScreen: TranscriptPlace {
    public var comparison: Comparison
    public var coders: [String] { comparison.coders }
    public var rows: [AgreementRow] = []
    public var loaded = false
    public var list = ListCursor()
    /// The consensus's state in a sentence.
    public var consensus = ""
    /// The documents left out because a coder has not coded them, in a sentence.
    public var leftOut: String?

    public init(_ comparison: Comparison) { self.comparison = comparison }

    public static let keys = KeyBindings.Table(
        title: "Agreement",
        bindings: [
            .init([.enter], .choose, "step through the code's disagreements", hint: true, word: "settle"),
            .init(
                [.character("W")], .writeConsensus,
                "write every stretch both coded alike as the consensus coder (u undoes)", hint: true, word: "consensus"),
            .init([.character("u"), .control("z")], .undo, "undo"),
            .init([.control("r"), .control("y")], .redo, "redo"),
            .init([.escape, .character("q"), .character("a")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.keys] }

    public static let opening = Opening(
        [.character("a")], "agreement between two coders, and settling their disagreements")

    /// The first two coders other than the consensus coder; back to the review when
    /// editing a disagreement as the consensus coder.
    public static func open(_ app: State) -> Outcome {
        app.consensusEdit != nil ? Outcome(requests: [.backToReview]) : open(nil, app)
    }

    /// The agreement table of `coders` (nil: the first two other than the consensus
    /// coder), on `documents` (none: all), or a message saying why not.
    static func open(_ coders: [String]?, documents: [String] = [], _ app: State) -> Outcome {
        guard !app.blind else { return .say("blind: no review until `intertwine blind off`") }
        let candidates = CodersShown.ordered(app.coders, consensus: app.consensusCoder).filter {
            $0 != app.consensusCoder
        }
        let chosen = coders.flatMap { $0.isEmpty ? nil : $0 } ?? Array(candidates.prefix(2))
        guard chosen.count == 2 else {
            return .say(
                chosen.count < 2
                    ? "agreement needs two coders' codings (:agree A,B)" : "the review compares two coders: :agree A,B")
        }
        guard chosen[0] != chosen[1] else { return .say("compare two different coders: :agree A,B") }
        if let unknown = chosen.first(where: { !app.coders.contains($0) }) {
            return .say("no coder \(unknown) in this project")
        }
        return .open(AgreementScreen(Comparison(coders: chosen, documents: documents)), app)
    }

    /// The rows, the consensus's state in a sentence, and the documents left out.
    public struct Data: Equatable, Sendable {
        var rows: [AgreementRow]
        var consensus: String
        var leftOut: String?
    }

    public func load(_ app: State) -> [Effect] {
        let comparison = self.comparison
        return [
            Self.reading(comparison.title) { reader in
                let options = Project.ConsensusOptions(comparison, consensus: reader.consensus)
                let status = try reader.store.buildConsensus(options, writing: false)
                let (rows, leftOut) = try ReviewData.rows(reader.store, comparison, consensus: reader.consensus)
                return Data(
                    rows: rows, consensus: status.summary(coders: comparison.coders, as: reader.consensus, how: "W"),
                    leftOut: LeftOutDocument.summary(leftOut, flag: ""))
            }
        ]
    }

    public mutating func receive(_ data: Data, _ app: State) -> Outcome {
        rows = data.rows
        consensus = data.consensus
        leftOut = data.leftOut
        loaded = true
        list.resize(rows.count)
        return .stay
    }

    static let aColour = RGB(red: 67, green: 99, blue: 216)
    static let bColour = RGB(red: 245, green: 130, blue: 49)

    /// The table's rows that fit: a line less when documents were left out.
    func rows(_ state: State) -> Int { max(1, state.height - 7 - (leftOut == nil ? 0 : 1)) }

    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.3f", abs($0) < 0.0005 ? 0 : $0) } ?? "n/a"
    }

    /// Krippendorff's thresholds: green reliable, yellow tentative, red otherwise.
    static func alphaStyle(_ alpha: Double?, _ state: State) -> Style {
        guard let alpha else { return .dim }
        let reading = AgreementReport.Reliability(alpha: alpha)
        guard state.colors else { return Style(bold: reading == .reliable, underline: reading == .unreliable) }
        switch reading {
        case .reliable: return Style(foreground: RGB(red: 60, green: 180, blue: 75), bold: true)
        case .tentative: return Style(foreground: RGB(red: 200, green: 160, blue: 0), bold: true)
        default: return Style(foreground: RGB(red: 230, green: 25, blue: 75), bold: true)
        }
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        list.resize(rows.count)
        if list.perform(command, rows: rows(app)) { return .stay }
        switch command {
        case .choose:
            guard rows.indices.contains(list.selected) else { return .stay }
            return .open(ReviewScreen(comparison, code: rows[list.selected].code), app)
        case .writeConsensus:
            // Written, then the table read again (the review's reads follow the write).
            return Outcome(.stay, [.buildConsensus(comparison)] + load(app))
        case .cancel: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let area = Layout.body(&screen)
        Layout.title(
            "Agreement of \(comparison.title), character by character, worst code first",
            position: rows.isEmpty ? "" : list.position, in: area, &screen)
        screen.put(
            "alpha: reliable ≥ .800, tentative ≥ .667 (Krippendorff) · Enter steps through a code's disagreements",
            x: area.x + 1, y: area.y + 1, style: .dim, limit: area.right)
        guard loaded else { screen.put("Computing…", x: area.x + 1, y: area.y + 3, style: .dim); return }
        screen.put(consensus, x: area.x + 1, y: area.bottom - 1, style: .dim, limit: area.right)
        if let leftOut { screen.put(leftOut, x: area.x + 1, y: area.bottom - 2, style: .dim, limit: area.right) }
        guard !rows.isEmpty else {
            screen.put("Neither coder has coded anything yet.", x: area.x + 1, y: area.y + 3, style: .dim); return
        }
        let widths = [7, 7, 7, 7, 18, 9]
        let nameWidth = min(44, max(16, area.width - 2 - widths.reduce(0) { $0 + $1 + 1 }))
        let headers = ["alpha", "agree", "kappa", "AC1", "both/a/b/neither", "settled"]
        var x = area.x + 1 + nameWidth
        for (header, width) in zip(headers, widths) {
            screen.put(header.padding(toLength: width, withPad: " ", startingAt: 0), x: x, y: area.y + 3, style: .bold)
            x += width + 1
        }
        for (offset, index) in list.visible(rows: rows(state)).enumerated() {
            let row = rows[index]
            let y = area.y + 4 + offset
            let selected = index == list.selected
            screen.put(
                Layout.fitted(path: row.code, width: nameWidth - 1), x: area.x + 1, y: y,
                style: Style(bold: selected, reverse: selected), limit: area.x + nameWidth)
            var x = area.x + 1 + nameWidth
            let cells = [
                Self.format(row.alpha), Self.format(row.percentAgreement), Self.format(row.kappa),
                Self.format(row.gwet),
                row.table.map { "\($0.both)/\($0.aOnly)/\($0.bOnly)/\($0.neither)" } ?? "",
                "\(row.settled)/\(row.disagreements)",
            ]
            for (column, (cell, width)) in zip(cells, widths).enumerated() {
                // A figure too wide for its column is cut with a mark, never silently.
                let shown = Layout.cut(cell, width)
                screen.put(
                    shown, x: x, y: y, style: column == 0 ? Self.alphaStyle(row.alpha, state) : .plain, limit: x + width
                )
                x += width + 1
            }
        }
    }
}
