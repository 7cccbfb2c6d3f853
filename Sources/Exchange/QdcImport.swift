import CodingEngine
import Foundation

/// Reads a REFI-QDA codebook (`.qdc`) into a codebook file intertwine can merge.
/// Accepts any `urn:QDA-XML:codebook:*` namespace (ATLAS.ti 9 writes 0:4) and GUIDs
/// in any form; sets are ignored.
public enum QdcImport {
    public static func read(path: String) throws -> CodebookFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? EngineError.fileUnreadable(path: path, reason: "permission denied")
                                                               : EngineError.fileMissing(path: path)
        }
        let part = (path as NSString).lastPathComponent
        let root: XMLTree
        do {
            root = try XMLTree.parse(data, part: part)
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
        guard root.name == "CodeBook", let codes = root.first("Codes") else {
            throw ExchangeError.invalid(path: path, part: part, line: root.line, problem: "expected <CodeBook> with <Codes>")
        }
        return CodebookFile(name: (part as NSString).deletingPathExtension, codes: definitions(codes.all("Code")))
    }

    /// Code elements as definitions; `/` in names becomes `-`, and a repeated sibling
    /// name gets a number.
    static func definitions(_ elements: [XMLTree]) -> [CodeDefinition] {
        var seen = Set<String>()
        return elements.map { element in
            var name = (element["name"] ?? "Code").replacingOccurrences(of: "/", with: "-").trimmingCharacters(in: .whitespaces)
            if name.isEmpty { name = "Code" }
            let base = name
            var n = 2
            while seen.contains(name.lowercased()) { name = "\(base) (\(n))"; n += 1 }
            seen.insert(name.lowercased())
            return CodeDefinition(name: name,
                                  description: element.first("Description")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                                  color: element["color"].flatMap(CodebookFile.normalizedColor) ?? "#808080",
                                  codable: element["isCodable"].map { $0 != "false" && $0 != "0" } ?? true,
                                  children: definitions(element.all("Code")), line: element.line)
        }
    }
}
