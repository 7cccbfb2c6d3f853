import CodingEngine
import Foundation

/// Reads a REFI-QDA codebook (`.qdc`) into a codebook file intertwine can merge.
/// Accepts any `urn:QDA-XML:codebook:*` namespace (ATLAS.ti 9 writes 0:4) and GUIDs
/// in any form; sets are ignored.
public enum QdcImport {
    public static func read(path: String) throws -> CodebookFile {
        let data = Data(try FileKind.contents(path))
        let part = PathName.fileName(path)
        let root: XMLTree
        do {
            root = try XMLTree.parse(data, part: part)
        } catch let error as XMLTree.ParseError {
            throw ExchangeError.xml(path: path, error)
        }
        guard root.name == "CodeBook", let codes = root.first("Codes") else {
            throw ExchangeError.invalid(
                path: path, part: part, line: root.line, problem: "expected <CodeBook> with <Codes>")
        }
        return CodebookFile(name: PathName.baseName(part), codes: try definitions(codes.all("Code"), path: path))
    }

    /// Code elements as definitions; `/` in names becomes `-`, and a repeated sibling
    /// name gets a number.
    static func definitions(_ elements: [XMLTree], path: String, depth: Int = 0) throws -> [CodeDefinition] {
        var names = UniqueNames()
        return try elements.map { element in
            guard depth <= Codebook.maximumDepth else {
                throw ExchangeError.invalid(
                    path: path, part: "codebook", line: element.line,
                    problem: "codes nested more than \(Codebook.maximumDepth) levels deep")
            }
            let name = names.claim(Name.codeName(element["name"]))
            return CodeDefinition(
                name: name,
                description: element.first("Description").map { Name.trimmed($0.text) } ?? "",
                color: element["color"].flatMap(CodebookFile.normalizedColor) ?? CodebookFile.fallbackColor,
                codable: element["isCodable"].map { $0 != "false" && $0 != "0" } ?? true,
                children: try definitions(element.all("Code"), path: path, depth: depth + 1), line: element.line)
        }
    }
}
