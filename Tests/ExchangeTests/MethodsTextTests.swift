import CodingEngine
import Foundation
import Testing

@testable import Exchange

@Suite("The methods text: figures as a paper prints them, names escaped, every piece of text reachable")
struct MethodsTextTests {
    @Test("coefficients: three decimals, no leading zero, a true minus; n/a when undefined")
    func coefficients() {
        #expect(MethodsWriter.value(0.4264) == ".426")
        #expect(MethodsWriter.value(-0.0094) == "−.009")
        #expect(MethodsWriter.value(-0.0004) == ".000")
        #expect(MethodsWriter.value(1) == "1.000")
        #expect(MethodsWriter.value(nil) == "n/a" && MethodsWriter.value(.nan) == "n/a")
        #expect(MethodsWriter.percent(0.9) == "90%" && MethodsWriter.percent(0.925) == "92.5%")
        #expect(
            MethodsWriter.times(1) == "once" && MethodsWriter.times(2) == "twice"
                && MethodsWriter.times(1200) == "1,200 times")
    }

    @Test("dates in words; anything else kept as it is")
    func dates() {
        #expect(MethodsWriter.day("2026-12-07T19:00:36.784Z") == "7 December 2026")
        #expect(MethodsWriter.day("2005-03-14") == "14 March 2005")
        #expect(MethodsWriter.day("yesterday") == "yesterday")
    }

    @Test("names are escaped where Markdown would read them as marks; the report's own words are not")
    func escaping() {
        #expect(
            MethodsText.prose("Hayes & Krippendorff (2007) [−.007, .846]")
                == "Hayes & Krippendorff (2007) [−.007, .846]")
        #expect(MethodsText.prose("a_b *c* `d` <e> f|g [h](i)") == #"a\_b \*c\* \`d\` \<e> f\|g [h\](i)"#)
    }

    @Test("a block's every piece of text passes through a transform (the pseudonymiser)")
    func mapping() {
        let table = MethodsText.Table(
            caption: "ana", header: ["ana"], rows: [["ana", "1"]], numeric: [1], note: "ana")
        let blocks: [MethodsText.Block] = [
            .heading("ana"), .paragraph("ana"), .bullets(["ana"]), .references(["ana"]), .table(table),
        ]
        let mapped = blocks.map { $0.map { $0.replacingOccurrences(of: "ana", with: "Coder A") } }
        let markdown = MethodsText.markdown(mapped)
        #expect(!markdown.contains("ana") && markdown.components(separatedBy: "Coder A").count - 1 == 8)
        let html = MethodsText.htmlSection(mapped)
        #expect(!html.contains("ana") && html.contains("<td class=\"n\">1</td>"))
    }
}
