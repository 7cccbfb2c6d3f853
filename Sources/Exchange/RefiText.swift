import CodingEngine
import Dispatch
import Foundation

/// A source's text as a REFI-QDA import keeps it: checked (UTF-8, no NUL), its
/// positions mapped (`SourceText`) and its transcript parsed (turns, hash). An
/// archive's text files are read so on a thread of their own while the project
/// document is parsed on another (`Reading`).
struct RefiText {
    /// Why a text cannot be a document's.
    enum Problem: Error, Equatable {
        case notUTF8(byte: Int)
        case nul(byte: Int)
    }

    let text: SourceText
    /// The transcript, under a placeholder name and case that the import sets; nil
    /// for a text that is empty or only white space.
    let transcript: Transcript?

    /// `data` checked and read.
    static func read(_ data: Data) -> Result<RefiText, Problem> {
        if String(validating: data, as: UTF8.self) == nil, let bad = StoredText.firstInvalidUTF8Offset([UInt8](data)) {
            return .failure(.notUTF8(byte: bad))
        }
        if let nul = firstNUL(in: data) { return .failure(.nul(byte: nul)) }
        let text = SourceText(utf8: data)
        let stored = text.stored
        guard stored.unicodeScalars.contains(where: { !$0.properties.isWhitespace }),
            let transcript = try? Transcript.parse(
                storedText: stored, path: "", name: "", caseName: RefiImport.unassignedCase)
        else {
            return .success(RefiText(text: text, transcript: nil))
        }
        return .success(RefiText(text: text, transcript: transcript))
    }

    /// The offset of the first NUL byte in `data`, or nil.
    static func firstNUL(in data: Data) -> Int? {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let found = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Text files read one after another on another thread, while the project
    /// document is parsed on the first; a source whose file is not read yet when it
    /// is needed has it read at once by the thread that needs it.
    final class Reading: @unchecked Sendable {
        /// Files not started yet, in archive order.
        private var waiting: [(name: String, data: Data)] = []
        private var results: [String: Result<RefiText, Problem>] = [:]
        private var refused: [String: Data] = [:]
        /// The text files' entry names.
        private let names: [String: Bool]
        /// How many text files the archive had.
        var count: Int { names.count }
        /// Files claimed and not read yet.
        private var reading: Set<String> = []
        private let condition = NSCondition()
        private let group = DispatchGroup()

        /// Takes the archive's text files (`sources/*.txt`, the folder's name in any
        /// case) out of it and starts reading them: each file's bytes go once read.
        init(_ archive: inout SafeArchive) {
            for name in archive.files.keys.sorted() {
                let lower = name.lowercased()
                if lower.hasPrefix("sources/"), lower.hasSuffix(".txt"), let data = archive.take(name) {
                    waiting.append((name, data))
                }
            }
            waiting.reverse() // taken from the end
            names = Dictionary(uniqueKeysWithValues: waiting.map { ($0.name, true) })
            DispatchQueue.global().async(group: group) { [self] in
                while let (name, data) = claim(nil) { keep(name, data, RefiText.read(data)) }
            }
        }

        /// The next file not started (or `name`, when it is not started), taken from the waiting ones.
        private func claim(_ name: String?) -> (String, Data)? {
            condition.lock()
            defer { condition.unlock() }
            let claimed: (name: String, data: Data)?
            if let name {
                claimed = waiting.lastIndex(where: { $0.name == name }).map { waiting.remove(at: $0) }
            } else {
                claimed = waiting.popLast()
            }
            if let claimed { reading.insert(claimed.name) }
            return claimed
        }

        private func keep(_ name: String, _ data: Data, _ result: Result<RefiText, Problem>) {
            condition.lock()
            results[name] = result
            reading.remove(name)
            if case .failure = result { refused[name] = data }
            condition.broadcast()
            condition.unlock()
        }

        /// The text file `file`, its folder's name matched without regard to case, as `text(_:)` gives it.
        func text(matching file: String) -> Result<RefiText, Problem>? {
            SafeArchive.entryName(file, in: names).flatMap { text($0) }
        }

        /// The file `name` (an entry name of the archive) read: at once when it is,
        /// after the reading thread finishes it when it is being read, or read now.
        /// Nil for a name that is no text file of the archive.
        func text(_ name: String) -> Result<RefiText, Problem>? {
            if let (name, data) = claim(name) {
                let result = RefiText.read(data)
                keep(name, data, result)
                return result
            }
            condition.lock()
            defer { condition.unlock() }
            while results[name] == nil {
                // Neither waiting nor read: being read, or no such file.
                guard reading.contains(name) else { return nil }
                condition.wait()
            }
            return results[name]
        }

        /// The files read, by entry name, once all are; and the bytes of those that
        /// could not be a document's (a note may still be read from them).
        func wait() -> (texts: [String: Result<RefiText, Problem>], refused: [String: Data]) {
            group.wait()
            condition.lock()
            defer { condition.unlock() }
            return (results, refused)
        }
    }
}
