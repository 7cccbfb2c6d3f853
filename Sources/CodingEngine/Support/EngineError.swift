import Foundation

/// Everything that can go wrong in the coding engine, phrased for the researcher.
///
/// Each case renders as one line that names the file, line or offset involved and
/// says what to do next. The command line prints it as is; nothing is half-written
/// when one is thrown, because every action runs in one transaction.
public enum EngineError: ResearcherError, Equatable {
    // Project files
    case projectMissing(path: String)
    case projectExists(path: String)
    case notAProject(path: String, reason: String)
    case projectTooNew(path: String, found: Int, supported: Int)
    case projectReadOnly(path: String)
    /// A row an import wrote refers to a record that is not there (a fault in intertwine).
    case brokenReference(table: String, row: Int64)
    case diskFull(path: String)
    /// A file intertwine will not write over (a folder, a device, a database).
    case outputRefused(path: String, reason: String)
    /// A file that is there already: replaced only with `--force`.
    case outputExists(path: String)
    case cannotWrite(path: String, reason: String)
    // Transcripts
    case fileMissing(path: String)
    case fileUnreadable(path: String, reason: String)
    case emptyFile(path: String)
    case binaryFile(path: String, byteOffset: Int)
    case notUTF8(path: String, byteOffset: Int)
    case unsupportedFile(path: String)
    case noTranscripts(folder: String)
    case badFrontMatter(path: String, line: Int, problem: String)
    /// A line of a transcript format that cannot be read (e.g. a subtitle's time line).
    case badLine(path: String, line: Int, problem: String)
    case documentTextChanged(name: String, path: String)
    case duplicateDocumentInImport(name: String, first: String, second: String)
    case noCase(path: String)
    // Codebooks
    case invalidFile(file: String, line: Int, problem: String)
    // Lookups
    case unknownDocument(String)
    case unknownCase(String)
    case unknownCode(String)
    case unknownCoding(Int64)
    case codingNotFound(document: String, start: Int, end: Int, code: String, coder: String)
    case unknownTurn(document: String, turn: Int, turns: Int)
    case noCoder
    case unknownCoder(String, known: [String])
    case tooFewCoders
    /// A folder given as a semantic domain has no codes below it.
    case emptyDomain(String)
    case repeatedCoder(String)
    /// `settle` at an offset where the coders do not disagree on the code.
    case noDisputedStretch(
        document: String, code: String, offset: Int, coders: [String], agreed: Bool, nearest: TextRange?, count: Int)
    /// A stretch settled already, and how.
    case alreadySettled(stretch: String, how: String)
    /// `settle --undo` on a stretch with no decision (how it is settled otherwise, if it is).
    case notSettled(stretch: String, how: String?)
    /// `--overlap` outside (0, 1].
    case badOverlap(String)
    // Codings
    case codeNotCodable(String)
    case rangeOutsideDocument(document: String, start: Int, end: Int, length: Int)
    case emptyRange(document: String, start: Int, end: Int)
    case duplicateCoding(document: String, start: Int, end: Int, code: String, coder: String)
    case badPattern(pattern: String, problem: String)
    case noMatches(pattern: String, document: String)
    case patternTooSlow(pattern: String, document: String, seconds: Int)
    case patternTooDeep(pattern: String, document: String)
    // Case attributes
    case badAttribute(String)
    /// A file project that cannot be synced with its team project, and why.
    case cannotSync(path: String, reason: String)
    // Changing the codebook, cases and documents
    /// `kind` ("code", "case", "document") named `name` exists already in `place`.
    case nameTaken(kind: String, name: String, place: String)
    case slashInName(kind: String, name: String)
    case emptyName(kind: String)
    case moveIntoItself(path: String, target: String)
    case mergeIntoItself(String)
    case mergeIntoFolder(String)
    case codeHasCodings(path: String, count: Int)
    case folderWithCodings(path: String, count: Int)
    case hotkeyTaken(key: String, holder: String)
    case badHotkey(String)
    case badColor(String)
    case tooDeep(path: String)
    /// An undo or redo refused because the rows were changed since.
    case changedSince(String)
    // Queries
    case querySyntax(query: String, column: Int, problem: String)
    /// A code, coder, speaker, document or attribute the project does not have.
    case queryUnknown(query: String, column: Int, what: String, hint: String)
    case unknownQuery(String, known: [String])
    case queryNameTaken(String)
    /// A coder's name that several coders' names differ from only in case.
    case coderAmbiguous(String, [String])
    /// A consensus coder that cannot hold the consensus, and why.
    case consensusCoderTaken(String, reason: String)
    /// A move into a folder whose name is empty.
    case emptyFolder
    /// An AI assistant's work asked for in a project where the researcher switched it off.
    case assistantSwitchedOff(path: String)
    /// A proposal id that is not an assistant's proposal in this project.
    case unknownProposal(Int64)
    /// A decision on a proposal already decided.
    case proposalDecided(id: Int64, status: String)
    /// A decision on a proposal, or a proposal, under a name that is (or is not) an assistant's.
    case assistantCoder(name: String, problem: String)
    /// A pseudonym-table entry refused, saying why and what to do.
    case pseudonymRefused(real: String, problem: String)
    /// A real string that is not in the pseudonym table.
    case unknownPseudonym(real: String, known: Int)

    public var description: String {
        switch self {
        case .projectMissing(let path):
            return
                "no project at \(path): create one with `intertwine init --project \(path)`, or name another with --project"
        case .projectExists(let path):
            return "a project already exists at \(path): it was left as it is; choose another path with --project"
        case .notAProject(let path, let reason):
            return "\(path) is not an intertwine project (\(reason)); check the --project path"
        case .projectTooNew(let path, let found, let supported):
            return
                "\(path) was written by a newer intertwine (schema \(found), this one reads up to \(supported)); upgrade intertwine to open it"
        case .projectReadOnly(let path):
            return "\(path) cannot be written (read-only file or folder); check its permissions"
        case .diskFull(let path):
            return "\(path): the disk is full; nothing was written. Free some space and try again"
        case .outputRefused(let path, let reason):
            return "\(path): refused: \(reason); nothing was written. Choose another file name"
        case .outputExists(let path):
            return "\(path) already exists; pass --force to replace it, or choose another file name"
        case .cannotWrite(let path, let reason):
            return "\(path) cannot be written (\(reason)); nothing was written"
        case .fileMissing(let path):
            return "\(path): no such file or folder"
        case .fileUnreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .emptyFile(let path):
            return "\(path): the file is empty; nothing was imported"
        case .binaryFile(let path, let offset):
            return
                "\(path): looks like a binary file (NUL byte at byte offset \(offset)); import transcripts as text (.txt, .md), Word (.docx) or subtitles (.vtt, .srt)"
        case .notUTF8(let path, let offset):
            return "\(path): not valid UTF-8 at byte offset \(offset); save the file as UTF-8 and import it again"
        case .unsupportedFile(let path):
            return "\(path): not a transcript intertwine reads; use .txt, .md, .docx, .vtt, .srt or .qdpx"
        case .noTranscripts(let folder):
            return "\(folder): no transcripts (.txt, .md, .docx, .vtt, .srt) in this folder"
        case .badFrontMatter(let path, let line, let problem):
            return "\(path):\(line): front matter: \(problem)"
        case .badLine(let path, let line, let problem):
            return "\(path):\(line): \(problem)"
        case .documentTextChanged(let name, let path):
            return
                "\(path): a document named \"\(name)\" is already in the project with different text; rename the file to import it as a new document"
        case .brokenReference(let table, let row):
            return
                "nothing was stored: row \(row) of \(table) would refer to a record that is not there; this is a fault in intertwine: please report it with the files you imported"
        case .duplicateDocumentInImport(let name, let first, let second):
            let (a, b) = (PathName.baseName(first), PathName.baseName(second))
            let spelling =
                a != b || Array(a.unicodeScalars) == Array(b.unicodeScalars)
                ? ""
                : " (the names differ only in how accents are written, \(Name.spelled(a)) and \(Name.spelled(b)); intertwine treats them as one name)"
            return "\(second): same document name \"\(name)\" as \(first)\(spelling); rename one of them"
        case .noCase(let path):
            return "\(path): no case for this transcript; add `case:` to its front matter or pass --case NAME"
        case .invalidFile(let file, let line, let problem):
            return "\(file):\(line): \(problem)"
        case .unknownDocument(let name):
            return "no document named \"\(name)\"; `intertwine documents` lists them"
        case .unknownCase(let name):
            return "no case named \"\(name)\"; `intertwine cases` lists them"
        case .unknownCode(let path):
            return "no code \"\(path)\" in the codebook; `intertwine codebook` lists the code paths"
        case .unknownCoding(let id):
            return "no coding with id \(id); `intertwine codings` lists them"
        case .codingNotFound(let document, let start, let end, let code, let coder):
            return
                "\(coder) has no coding of \(code) at [\(start), \(end)) in \(document); it may have been removed already"
        case .unknownTurn(let document, let turn, let turns):
            return "\(document) has no turn \(turn) (it has turns 1 to \(turns))"
        case .unknownCoder(let name, let known):
            return
                "no coder \"\(name)\" in this project; its coders are \(known.isEmpty ? "none yet" : known.joined(separator: ", "))"
        case .tooFewCoders:
            return "agreement needs two or more coders: pass --coders A,B"
        case .emptyDomain(let path):
            return
                "\(path) has no codes below it: a semantic domain is a folder whose codes are its values; pass a folder with codes"
        case .repeatedCoder(let name):
            return "the coder \"\(name)\" is named twice; name each coder once, e.g. --coders ana,ben"
        case .noDisputedStretch(let document, let code, let offset, let coders, let agreed, let nearest, let count):
            let pair = coders.joined(separator: " and ")
            var text =
                agreed
                ? "\(pair) coded \(code) alike at \(offset) in \(document): nothing to settle there"
                : "\(pair) do not disagree on \(code) at \(offset) in \(document)"
            if let nearest {
                text +=
                    "; the nearest disputed stretch is [\(nearest.start), \(nearest.end)) (of \(count)), so --at \(nearest.start) settles it"
            } else {
                text += count == 0 ? "; they have no disputed stretch of \(code) there" : ""
            }
            return text
                + "; `intertwine disagreements --coders \(coders.joined(separator: ",")) --doc \(document)` lists them"
        case .alreadySettled(let stretch, let how):
            return
                "\(stretch) is settled already (\(how)); to decide again, undo it first with `intertwine settle ... --undo`. Nothing was changed"
        case .notSettled(let stretch, let how):
            return "\(stretch) has no decision to undo"
                + (how.map { " (it counts as settled because \($0); `intertwine codings --coder` lists it)" } ?? "")
                + ". Nothing was changed"
        case .badOverlap(let value):
            return "--overlap \(value) is not a share between 0 and 1: MAXQDA's rule is 0.9 (90% of the union)"
        case .noCoder:
            return "who is coding? pass --coder NAME or set INTERTWINE_CODER"
        case .codeNotCodable(let path):
            return "\"\(path)\" is a folder, not a code you can apply; choose one of its codes"
        case .rangeOutsideDocument(let document, let start, let end, let length):
            return
                "[\(start), \(end)) is outside \(document), whose text runs from 0 to \(length) (Unicode scalars, end exclusive)"
        case .emptyRange(let document, let start, let end):
            return "[\(start), \(end)) in \(document) is empty: the end must come after the start"
        case .duplicateCoding(let document, let start, let end, let code, let coder):
            return "\(coder) has already coded [\(start), \(end)) in \(document) as \(code)"
        case .badPattern(let pattern, let problem):
            return "the pattern \(pattern) is not a valid regular expression: \(problem)"
        case .noMatches(let pattern, let document):
            return "the pattern \(pattern) matches nothing in \(document); nothing was coded"
        case .patternTooSlow(let pattern, let document, let seconds):
            return
                "the pattern \(pattern) was stopped after \(seconds) s on \(document) (nested repetition such as (a+)+ makes a regular expression take exponential time); simplify it. Nothing was coded"
        case .patternTooDeep(let pattern, let document):
            return
                "the pattern \(pattern) had to remember more places to go back to than ICU allows on \(document) (a repeated group over a long stretch does that); simplify it. Nothing was coded"
        case .badAttribute(let problem):
            return problem
        case .cannotSync(let path, let reason):
            return "\(path): cannot sync: \(reason). Nothing was changed, in the file or on the server"
        case .nameTaken(let kind, let name, let place):
            return "there is already a \(kind) named \"\(name)\" \(place); choose another name (nothing was changed)"
        case .slashInName(let kind, let name):
            return kind == "code"
                ? "a code's name cannot hold \"/\" (\"\(name)\"): \"/\" separates folders in a path; use `codebook move` to put a code in a folder"
                : "a \(kind)'s name cannot hold \"/\" (\"\(name)\"); choose another name"
        case .emptyName(let kind):
            return "a \(kind) needs a name that shows: not empty, nor only spaces or invisible characters"
        case .moveIntoItself(let path, let target):
            return
                "cannot move \(path) into \(target), which is \(path == target ? "itself" : "below it"); choose a folder outside it"
        case .mergeIntoItself(let path):
            return "cannot merge \(path) into itself or into a code below it; name a target outside it"
        case .mergeIntoFolder(let path):
            return
                "\(path) is a folder, not a code you can apply; merging into it makes it one: pass --make-codable, or merge into one of its codes"
        case .codeHasCodings(let path, let count):
            return
                "\(path) has \(count) coding\(count == 1 ? "" : "s"); pass --with-codings to delete \(count == 1 ? "it" : "them") with the code, or recode them first (`intertwine recode`)"
        case .folderWithCodings(let path, let count):
            return
                "\(path) has \(count) coding\(count == 1 ? "" : "s") and cannot become a folder (codable false); recode them first"
        case .hotkeyTaken(let key, let holder):
            return
                "hotkey \"\(key)\" belongs to \(holder); take it off first (`codebook set \"\(holder)\" --no-hotkey`) or choose another key"
        case .badHotkey(let problem):
            return problem
        case .badColor(let value):
            return "\"\(value)\" is not a colour; give one as #rrggbb, e.g. #3cb44b"
        case .tooDeep(let path):
            return
                "\(path) would be nested more than \(Codebook.maximumDepth) levels deep; choose a folder nearer the top"
        case .querySyntax(_, let column, let problem):
            return "query, column \(column): \(problem)"
        case .queryUnknown(_, let column, let what, let hint):
            return "query, column \(column): no \(what) in this project; \(hint)"
        case .unknownQuery(let name, let known):
            return "no saved query named \"\(name)\"; "
                + (known.isEmpty
                    ? "save one with `intertwine query save NAME 'EXPR'`"
                    : "the saved queries are " + known.joined(separator: ", "))
        case .queryNameTaken(let name):
            return "a query named \"\(name)\" is saved already; choose another name, or pass --replace"
        case .changedSince(let what):
            return
                "cannot undo or redo \"\(what)\": it was changed since (by another coder or command); nothing was changed"
        case .coderAmbiguous(let typed, let names):
            return
                "\"\(typed)\" could be any of the coders \(names.joined(separator: ", ")), whose names differ only in case; write one exactly"
        case .consensusCoderTaken(let name, let reason):
            return
                "\(name) cannot hold the consensus: \(reason); choose another name with --as (the consensus coder holds only what the coders agreed or settled)"
        case .emptyFolder:
            return "the folder to move into has no name; name a folder, or / for the top level"
        case .assistantSwitchedOff(let path):
            return
                "AI assistants are switched off in \(path); `intertwine ai on --project \(path)` switches them on if the study allows it"
        case .unknownProposal(let id):
            return "no proposal with id \(id); `intertwine proposals` lists them"
        case .proposalDecided(let id, let status):
            return "proposal \(id) is \(status) already; `intertwine proposals --status \(status)` lists those"
        case .assistantCoder(let name, let problem):
            return "\(name): \(problem)"
        case .pseudonymRefused(let real, let problem):
            return "\"\(real)\": \(problem)"
        case .unknownPseudonym(let real, let known):
            return known == 0
                ? "\"\(real)\" is not in the pseudonym table, which is empty: add names with `intertwine pseudonym add REAL PSEUDONYM`"
                : "\"\(real)\" is not in the pseudonym table: `intertwine pseudonym list` shows its \(known) real names"
        }
    }
}

/// An error in the researcher's words, as the command line says it (`description`)
/// and as the workbench does (`workbenchDescription`, what to do next in its keys):
/// the engine's own, and those of the parts around it (a team project's server).
public protocol ResearcherError: Error, CustomStringConvertible, Sendable {
    var workbenchDescription: String { get }
}

extension ResearcherError {
    public var workbenchDescription: String { description }
}

extension EngineError {
    /// The error as the workbench says it: the same problem, with what to do next in
    /// the workbench's terms (a key or a `:` command) instead of the command line's.
    public var workbenchDescription: String {
        switch self {
        case .unknownDocument(let name): return "no document named \"\(name)\"; Tab lists them"
        case .unknownCase(let name): return "no case named \"\(name)\"; the documents pane (Tab) lists the cases"
        case .unknownCode(let path): return "no code \"\(path)\" in the codebook; c opens the picker"
        case .unknownCoding(let id): return "no coding with id \(id); it may have been removed already"
        case .tooFewCoders: return "agreement needs two coders: :agree A,B"
        case .repeatedCoder: return "compare two different coders: :agree A,B"
        case .noCoder: return "who is coding? :coder NAME says"
        case .unknownCoder(let name, let known):
            return
                "no coder \"\(name)\" in this project; its coders are \(known.isEmpty ? "none yet" : known.joined(separator: ", "))"
        case .projectReadOnly(let path):
            return "\(path) cannot be written (read-only file or folder); your changes are not saved"
        default: return description
        }
    }
}
