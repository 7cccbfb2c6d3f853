import CodingEngine
import Testing
@testable import Workbench

@Suite("Code colours of the bundled codebooks")
struct ColourTests {
    @Test(
        "no two codes share a colour, none is black or white or pale, all read on dark and light backgrounds",
        arguments: ["5i", "4i"])
    func readable(_ name: String) throws {
        let codebook = try DemoProject.bundledCodebook(name).flattened()
        let colours = codebook.map(\.definition.color)
        #expect(Set(colours).count == colours.count, "\(name): a colour is used twice")
        for entry in codebook {
            let rgb = try #require(RGB(hex: entry.definition.color))
            #expect(rgb != .black && rgb != .white, "\(entry.path)")
            // Neither too dark for a dark background nor too light for a light one.
            #expect(
                (0.3...0.66).contains(rgb.luminance),
                "\(entry.path) \(entry.definition.color) luminance \(rgb.luminance)")
        }
    }

    @Test("on an 8-colour terminal the five processes still have five different colours")
    func eightColours() throws {
        let codebook = try DemoProject.bundledCodebook("5i").flattened()
        let processes = codebook.filter {
            ["Intuiting", "Interpreting", "Integrating", "Institutionalising", "Intertwining"].contains(
                $0.definition.name)
        }
        #expect(processes.count == 5)
        let basic = try processes.map { try #require(RGB(hex: $0.definition.color)).basicIndex() }
        #expect(Set(basic).count == 5 && !basic.contains(0) && !basic.contains(7), "\(basic)")
        let four = try DemoProject.bundledCodebook("4i").flattened().filter { $0.path.hasPrefix("Processes/") }
        #expect(Set(try four.map { try #require(RGB(hex: $0.definition.color)).basicIndex() }).count == four.count)
    }

    @Test("colours given to codes that name none are readable and different")
    func palette() throws {
        let colours = CodebookFile.palette
        #expect(Set(colours).count == colours.count)
        for colour in colours { #expect((0.3...0.66).contains(try #require(RGB(hex: colour)).luminance), "\(colour)") }
    }
}
