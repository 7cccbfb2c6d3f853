import CodingEngine
import Foundation
import Testing
@testable import Workbench
import TestSupport

/// Every screen at 80×24 and 120×40, compared with committed golden files: the
/// characters (`NAME-WxH.txt`) and a map of the cells' styles (`NAME-WxH.styles`).
/// `RECORD_SCREENS=1 swift test --filter GoldenScreenTests` writes them anew; review
/// the change as a diff.
@Suite("Golden screens")
struct GoldenScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SCREENS"] == "1"

    static let screens: [(String, String)] =
        KeyTableTests.screens.map { ($0.0.replacingOccurrences(of: " ", with: "-"), $0.1) }
        + [("coded-and-selected", "}1}vw"), ("documents-pane-moved", "<Tab>jj"), ("too-small", "")]

    /// The style map: a legend of the styles used (in order of appearance), then one
    /// letter per cell.
    static func styleMap(_ screen: ScreenBuffer) -> String {
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        var rows: [String] = []
        for y in 0..<screen.height {
            var row = ""
            for x in 0..<screen.width {
                let cell = screen[x, y]
                guard cell.width > 0 else { row.append("~"); continue }
                if letters[cell.style] == nil {
                    let symbol = letters.count < symbols.count ? symbols[letters.count] : "?"
                    letters[cell.style] = symbol
                    legend.append("\(symbol) = \(describe(cell.style))")
                }
                row.append(letters[cell.style]!)
            }
            rows.append(row)
        }
        return (legend + [""] + rows).joined(separator: "\n") + "\n"
    }

    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if let fg = style.foreground { parts.append(String(format: "fg #%02x%02x%02x", fg.red, fg.green, fg.blue)) }
        if let bg = style.background { parts.append(String(format: "bg #%02x%02x%02x", bg.red, bg.green, bg.blue)) }
        if style.bold { parts.append("bold") }
        if style.underline { parts.append("underline") }
        if style.reverse { parts.append("reverse") }
        if style.dim { parts.append("dim") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    @Test("each screen matches its golden text and style map", arguments: screens, [(80, 24), (120, 40)])
    func golden(_ screen: (String, String), _ size: (Int, Int)) throws {
        let (name, keys) = screen
        let (session, _) = try Support.demoSession(
            width: size.0, height: size.1, coder: "ana", proposals: name.hasPrefix("proposals"))
        session.type(keys)
        if name == "too-small" { session.dispatch(.resize(width: 59, height: size.1)) }
        let rendered = session.render()
        let text = rendered.lines.joined(separator: "\n") + "\n"
        let styles = Self.styleMap(rendered)
        let base = Self.folder.appendingPathComponent("\(name)-\(size.0)x\(size.1)")
        let textFile = base.appendingPathExtension("txt"), styleFile = base.appendingPathExtension("styles")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: textFile, atomically: true, encoding: .utf8)
            try styles.write(to: styleFile, atomically: true, encoding: .utf8)
            return
        }
        let expectedText = try #require(
            try? String(contentsOf: textFile, encoding: .utf8),
            "no golden file \(textFile.lastPathComponent): run RECORD_SCREENS=1 swift test --filter GoldenScreenTests")
        let expectedStyles = try #require(
            try? String(contentsOf: styleFile, encoding: .utf8), "no golden style map for \(name)")
        #expect(
            text == expectedText,
            "\(name) at \(size.0)×\(size.1) differs from its golden text; re-record with RECORD_SCREENS=1 and review the diff"
        )
        #expect(styles == expectedStyles, "\(name) at \(size.0)×\(size.1) differs from its golden style map")
    }
}
