import CodingEngine

/// The case matrix: cases × the codes of a folder, each cell its number of extracts
/// and the researcher's summary; Enter opens the cell's extracts in full, `m` writes
/// its summary, `o` switches whose codings (the study's: the consensus when complete,
/// else each coder apart; one coder's; every coder apart). Coders are never added
/// together: with several, a row is a case and a coder. Scrolls both ways, so the
/// selected cell is always on screen.
public struct MatrixScreen: TranscriptPlace {
    public var folder: String
    public var matrix: CaseMatrix?
    public var cursor = TableCursor()
    public var coders = CodersChoice.study

    public init(folder: String) { self.folder = folder }

    public static let keys = KeyBindings.Table(
        title: "Case matrix",
        bindings: [
            .init([.enter], .choose, "the cell's extracts in full", hint: true, word: "extracts"),
            .init([.character("m")], .editMemo, "write the cell's summary", hint: true, word: "summary"),
            .init(
                [.character("o")], .toggleOthers, "whose codings: the study's, one coder's, every coder apart",
                hint: true, word: "coders"),
            .init([.escape, .character("q"), .character("M")], .cancel, "close", hint: true),
            .init([.character("?")], .help, "help"),
        ])

    static func caseWidth(_ matrix: CaseMatrix) -> Int {
        min(matrix.perCoder ? 24 : 16, max(6, matrix.rows.indices.map { matrix.label($0).count }.max() ?? 6)) + 1
    }
    static let cellWidth = 16
    static func visibleColumns(_ width: Int, _ matrix: CaseMatrix) -> Int {
        max(1, (width - 4 - caseWidth(matrix)) / (cellWidth + 1))
    }
    static func visibleRows(_ height: Int) -> Int { max(1, (height - 7) / 2) }

    var selectedCell: CaseMatrix.Cell? {
        guard let matrix, matrix.cells.indices.contains(cursor.row),
            matrix.cells[cursor.row].indices.contains(cursor.column)
        else { return nil }
        return matrix.cells[cursor.row][cursor.column]
    }

    mutating func fit() {
        cursor.rows.resize(matrix?.rows.count ?? 0)
        cursor.columns.resize(matrix?.codes.count ?? 0)
    }

    public var keyTables: [KeyBindings.Table] { [Self.keys, TableCursor.keys] }

    public static let opening = Opening(
        [.character("M")], "case matrix: cases × the codes of a folder (:matrix FOLDER)")

    public static func open(_ app: State) -> Outcome {
        // The knowledge sources when the codebook has them, else its first folder.
        let codes = app.codebook.codes
        let folder =
            codes.first { $0.name.lowercased() == "knowledge source" && !$0.codable }?.path ?? codes.first {
                !$0.codable
            }?.path ?? ""
        return .open(MatrixScreen(folder: folder), app)
    }

    public func load(_ app: State) -> [Effect] { [Self.reading(folder: folder, coders: coders)] }

    /// Reads the matrix of `folder` for `coders` (after a cell's summary is written too).
    static func reading(folder: String, coders: CodersChoice) -> Effect {
        reading("\(folder) · \(coders)") {
            try CaseMatrix.compute($0.store, folder: folder, shown: coders.resolve($0.store))
        }
    }

    public mutating func receive(_ matrix: CaseMatrix, _ app: State) -> Outcome {
        guard matrix.folder == folder else { return .stay }
        self.matrix = matrix
        fit()
        return .stay
    }

    public func offers(_ command: Command, _ app: State) -> Bool {
        command == .choose ? selectedCell.map { !$0.codings.isEmpty } == true : true
    }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        guard case .command(let command) = message else { return .stay }
        guard let matrix else { return command == .cancel ? .back : .stay }
        fit()
        if cursor.perform(command, rows: Self.visibleRows(app.height), columns: Self.visibleColumns(app.width, matrix))
        {
            return .stay
        }
        switch command {
        case .choose:
            guard let cell = selectedCell else { return .stay }
            guard !cell.codings.isEmpty else { return .say("no extracts in \(cell.caseName) × \(cell.code)") }
            let codings = cell.codings.map(Reducer.snapshot)
            return .open(
                ReaderScreen(
                    title: "\(cell.caseName) × \(cell.code)" + (matrix.perCoder ? " (\(cell.coder))" : ""),
                    query: .passages(codings)), app)
        case .editMemo:
            guard let cell = selectedCell else { return .stay }
            return .open(
                SummaryScreen(
                    folder: folder, caseName: cell.caseName, code: cell.code, text: cell.summary, coders: coders), app)
        case .toggleOthers:
            coders = coders.next(CodersShown.ordered(app.coders, consensus: app.consensusCoder))
            return Outcome(.stay, load(app), message: "whose codings: " + describe(coders))
        case .cancel: return .back
        default: return .stay
        }
    }

    /// Whose codings, in a few words.
    func describe(_ choice: CodersChoice) -> String {
        switch choice {
        case .study:
            guard let shown = matrix?.shown else { return "the study's coding" }
            if case .consensus = shown.basis { return "the consensus (complete)" }
            return shown.coders.count == 1 ? "coded by \(shown.coders[0])" : "each coder apart"
        case .one(let coder): return "coded by \(coder)"
        case .every: return "every coder apart"
        }
    }

    public func draw(_ state: State, into buffer: inout ScreenBuffer) {
        let area = Layout.body(&buffer)
        buffer.put(
            "Cases × \(folder) · " + describe(coders) + " · o switches", x: area.x + 1, y: area.y, style: .bold,
            limit: area.right)
        guard let matrix else { buffer.put("Collecting…", x: area.x + 1, y: area.y + 2, style: .dim); return }
        var fitted = self
        fitted.fit()
        let caseWidth = Self.caseWidth(matrix), cellWidth = Self.cellWidth
        let columns = fitted.cursor.columns.visible(rows: Self.visibleColumns(state.width, matrix))
        let rows = fitted.cursor.rows.visible(rows: Self.visibleRows(state.height))
        buffer.put(
            fitted.cursor.position, x: max(area.x + 1, area.right - fitted.cursor.position.count), y: area.y + 1,
            style: .dim)
        for (offset, j) in columns.enumerated() {
            let name = matrix.codes[j].split(separator: "/").last.map(String.init) ?? matrix.codes[j]
            buffer.put(
                String(name.prefix(cellWidth)), x: area.x + 1 + caseWidth + offset * (cellWidth + 1), y: area.y + 2,
                style: j == fitted.cursor.column ? Style(bold: true, underline: true) : .bold)
        }
        for (line, i) in rows.enumerated() {
            let y = area.y + 3 + line * 2
            buffer.put(
                matrix.label(i), x: area.x + 1, y: y,
                style: i == fitted.cursor.row ? Style(bold: true, underline: true) : .bold,
                limit: area.x + caseWidth)
            for (offset, j) in columns.enumerated() {
                let cell = matrix.cells[i][j]
                let x = area.x + 1 + caseWidth + offset * (cellWidth + 1)
                var style = cell.codings.isEmpty ? Style.dim : Style.plain
                if i == fitted.cursor.row && j == fitted.cursor.column { style.reverse = true }
                buffer.fill(x: x, y: y, width: cellWidth, height: 1, style: style)
                buffer.put(
                    "\(cell.codings.count)" + (cell.summary.map { " \($0)" } ?? ""), x: x, y: y, style: style,
                    limit: x + cellWidth)
            }
        }
        if let cell = fitted.selectedCell {
            buffer.put(
                "\(cell.caseName) × \(cell.code)" + (matrix.perCoder ? " (\(cell.coder))" : "") + ": "
                    + Words.count(cell.codings.count, "extract")
                    + (cell.summary.map { " · summary: \($0)" } ?? " · no summary yet"),
                x: area.x + 1, y: area.bottom - 1, style: .bold, limit: area.right)
        }
    }
}

/// Writing the summary of a matrix cell, on the line below the matrix.
public struct SummaryScreen: Screen {
    public var folder: String
    public var caseName: String
    public var code: String
    public var editor: LineEditor
    /// Whose codings the matrix shows, to show them again after saving.
    public var coders: CodersChoice

    public init(folder: String, caseName: String, code: String, text: String?, coders: CodersChoice = .study) {
        self.folder = folder
        self.coders = coders
        self.caseName = caseName
        self.code = code
        editor = LineEditor(text ?? "")
    }

    public static let keys = KeyBindings.Table(
        title: "Cell summary",
        bindings: [
            .init([.enter, .control("s")], .submit, "save the summary (empty removes it)", hint: true, word: "save"),
            .init([.escape], .cancel, "cancel", hint: true),
        ])

    public var keyTables: [KeyBindings.Table] { [Self.keys, LineEditor.keys] }
    public var isOverlay: Bool { true }
    public var takesText: Bool { true }

    public mutating func update(_ message: ScreenMessage, _ app: State) -> Outcome {
        switch editor.take(message) {
        case .submitted:
            let text = Name.trimmed(editor.text)
            // Saved, then the matrix below read again to show it.
            return Outcome(
                .back,
                [
                    .saveCellSummary(caseName: caseName, code: code, text: text.isEmpty ? nil : text),
                    MatrixScreen.reading(folder: folder, coders: coders),
                ])
        case .cancelled: return .back
        default: return .stay
        }
    }

    public func draw(_ state: State, into screen: inout ScreenBuffer) {
        let label = "summary of \(caseName) × \(code.split(separator: "/").last.map(String.init) ?? code): "
        Layout.bottomField(
            label, style: Style(bold: true, reverse: true), editor: editor, keys: Self.keys, state, &screen)
    }
}
