import CodingEngine
import Foundation

/// Coding ids read from a file (`--ids-from`): numbers separated by white space or
/// commas, `#` starting a comment to the end of the line. A word that is not an id is
/// refused with its line.
enum IDList {
    static func read(_ path: String) throws -> [Int64] {
        let text: String
        if path == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EngineError.fileUnreadable(path: path, reason: "no such file, or it cannot be read")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        var ids: [Int64] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for word in content.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
                guard let id = Int64(word) else {
                    throw EngineError.invalidFile(
                        file: path == "-" ? "standard input" : path, line: number + 1,
                        problem: "\"\(word)\" is not a coding id (a whole number, as `intertwine codings` lists them)")
                }
                ids.append(id)
            }
        }
        return ids
    }
}
