import CodingEngine
import Foundation

/// Learning flows: a strip per case and coder with the process codes as blocks along
/// the interviews, and the flow counts. j/k choose a strip, h/l a step on it, and
/// Enter opens the step's passage in full.
public struct FlowScreen: TranscriptPlace {
    public var flows: [LearningFlows.CaseFlow] = []
    public var loaded = false
    public var list = ListCursor()
    /// The step chosen on the selected strip.
    public var step = 0

    public init() {}

    public static let keys = KeyBindings.Table(
        title: "Learning flows",
        bindings: [
            .init([.character("l"), .right], .columnRight, "next step along the strip"),
            .init([.character("h"), .left], .columnLeft, "previous step"),
            .init([.enter], .choose, "the step's passage in full", hint: true, word: "passage"),
            .init([.escape, .character("q"), .character("F")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, ListCursor.keys] }

    public static let opening = Opening([.character("F")], "learning flows per case")

    public static func open(_ app: State) -> Outcome { .open(FlowScreen(), app) }

    public func load(_ app: State) -> [Effect] {
        [Self.reading("every case") { try LearningFlows.compute($0.store) }]
    }

    public mutating func receive(_ flows: [LearningFlows.CaseFlow], _ app: State) -> Outcome {
        self.flows = flows
        loaded = true
        list.resize(flows.count)
        return .stay
    }

    static func rows(_ state: State) -> Int { max(1, (state.height - 6) / 3) }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        list.resize(flows.count)
        if list.perform(command, rows: Self.rows(app)) {
            step = 0
            return .stay
        }
        let steps = flows.indices.contains(list.selected) ? flows[list.selected].steps : []
        switch command {
        case .columnRight: step = min(max(0, steps.count - 1), step + 1)
        case .columnLeft: step = max(0, step - 1)
        case .choose:
            guard steps.indices.contains(step) else { return .say("no steps on this strip") }
            let chosen = steps[step], flow = flows[list.selected]
            let coding = NewCoding(document: chosen.document, range: chosen.range, code: chosen.code, coder: flow.coder)
            return .open(
                ReaderScreen(
                    title: "\(flow.caseName) · \(flow.coder) · step \(step + 1) of \(steps.count)",
                    query: .passages([coding])), app)
        case .cancel: return .back
        default: break
        }
        return .stay
    }

    public func draw(_ state: State, into buffer: inout ScreenBuffer) {
        let area = Layout.body(&buffer)
        buffer.put(
            "Learning flows: process codes along each case's interviews · feed-forward up the 4I/5I ladder, feedback down",
            x: area.x + 1, y: area.y, style: .bold, limit: area.right)
        guard loaded else { buffer.put("Tracing…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        guard !flows.isEmpty else {
            buffer.put("No process codes applied yet.", x: area.x + 1, y: area.y + 2, style: .dim); return
        }
        let labels = state.labels
        // Legend: the ladder's codes in their colours (or their marks).
        var x = area.x + 1
        for name in LearningFlows.ladderNames {
            guard let code = state.codebook.codes.first(where: { $0.name == name }) else { continue }
            x = buffer.put(
                state.colors ? "█ " : "\(labels.mark(code.path)) ", x: x, y: area.y + 1,
                style: Style(foreground: state.colors ? RGB(hex: code.color) : nil, bold: true))
            x = buffer.put(
                (state.colors ? name : "\(labels.abbreviation(code.path)) \(name)") + "  ", x: x, y: area.y + 1,
                style: .dim)
        }
        var fitted = list
        fitted.resize(flows.count)
        let stripWidth = max(10, area.width - 22)
        var y = area.y + 3
        for index in fitted.visible(rows: Self.rows(state)) {
            let flow = flows[index]
            let selected = index == fitted.selected
            buffer.put(
                "\(flow.caseName) · \(flow.coder)", x: area.x + 1, y: y, style: Style(bold: true, reverse: selected),
                limit: area.x + 20)
            buffer.put(String(repeating: "─", count: stripWidth), x: area.x + 21, y: y, style: .dim)
            for (number, step) in flow.steps.enumerated() {
                let position = step.position * stripWidth / max(1, flow.length)
                let code = state.codebook.code(path: step.code)
                let glyph = state.colors ? "█" : labels.mark(step.code)
                var style = Style(foreground: state.colors ? code.flatMap { RGB(hex: $0.color) } : nil, bold: true)
                if selected && number == self.step { style.reverse = true }
                buffer.put(glyph, x: area.x + 21 + min(stripWidth - 1, position), y: y, style: style)
            }
            var summary = "feed-forward \(flow.feedForward) · feedback \(flow.feedback) · repeats \(flow.repeats)"
            summary += flow.feedForwardShare.map { String(format: " · %.0f%% forward", $0 * 100) } ?? ""
            if !flow.sources.isEmpty {
                summary +=
                    " · sources: "
                    + flow.sources.map { "\($0.code.split(separator: "/").last ?? "") \($0.passages)" }.joined(
                        separator: ", ")
            }
            if selected, flow.steps.indices.contains(step) {
                let chosen = flow.steps[step]
                summary += " · step \(step + 1) of \(flow.steps.count): \(chosen.code) in \(chosen.document)"
            }
            buffer.put(summary, x: area.x + 21, y: y + 1, style: .dim, limit: area.right)
            y += 3
        }
    }
}
