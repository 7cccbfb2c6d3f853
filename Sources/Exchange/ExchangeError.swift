/// What can go wrong reading or writing exchange files, phrased for the researcher.
public enum ExchangeError: Error, Equatable, CustomStringConvertible {
    case notAZip(path: String)
    case emptyArchive(path: String)
    case unsafeEntry(path: String, entry: String)
    case tooLarge(path: String, limit: String)
    case truncated(path: String, entry: String)
    case missingPart(path: String, part: String)
    case xml(path: String, XMLTree.ParseError)
    case invalid(path: String, part: String, line: Int, problem: String)
    case unsupportedFormat(String)
    /// A pseudonymised export that would still hold real names of the table.
    case realNamesLeft(what: String, names: [String])

    public var description: String {
        switch self {
        case .notAZip(let path):
            let kind = path.lowercased().hasSuffix(".docx") ? "Word document" : "QDPX file"
            return
                "\(path): not a \(kind) (not a zip archive); \(kind == "QDPX file" ? "export it again from the QDA program" : "save it again from Word as .docx")"
        case .emptyArchive(let path):
            return "\(path): the file is empty (0 bytes), not a zip archive; save or export it again"
        case .unsafeEntry(let path, let entry):
            return
                "\(path): refused: the archive entry \"\(entry)\" points outside the archive (zip slip); nothing was imported"
        case .tooLarge(let path, let limit):
            return "\(path): refused: the archive unpacks to more than \(limit) (a zip bomb?); nothing was imported"
        case .truncated(let path, let entry):
            return
                "\(path): the archive is truncated or damaged (entry \"\(entry)\" claims more data than the file holds); export it again"
        case .missingPart(let path, let part):
            return "\(path): \(part) is missing from the archive; export the project again"
        case .xml(let path, let error):
            return "\(path): \(error)"
        case .invalid(let path, let part, let line, let problem):
            return "\(path): \(part):\(line): \(problem)"
        case .realNamesLeft(let what, let names):
            let listed = names.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
            return
                "the pseudonymised \(what) would still hold the real name\(names.count == 1 ? "" : "s") \(listed)\(names.count > 3 ? " and \(names.count - 3) more" : ""); nothing was written. This is a fault in intertwine (please report it); --no-pseudonymise writes it with real names"
        case .unsupportedFormat(let format):
            return "unknown format \(format)"
        }
    }
}
