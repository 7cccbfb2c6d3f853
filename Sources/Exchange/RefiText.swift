import CodingEngine
import Dispatch
import Foundation

/// A source's text as a REFI-QDA import keeps it: checked (UTF-8, no NUL), its
/// positions mapped (`SourceText`) and its transcript parsed (turns, hash). An
/// archive's text files are read so on a second thread while the project document
/// is parsed on the first (`Reading`).
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
              let transcript = try? Transcript.parse(storedText: stored, path: "", name: "", caseName: RefiImport.unassignedCase) else {
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

    /// Text files read one after another on another thread.
    final class Reading: @unchecked Sendable {
        private var results: [String: Result<RefiText, Problem>] = [:]
        private var refused: [String: Data] = [:]
        private let group = DispatchGroup()

        /// Takes the archive's text files (`sources/*.txt`, the folder's name in any
        /// case) out of it and starts reading them: each file's bytes go once read.
        init(_ archive: inout SafeArchive) {
            // In a box, so that the reading thread holds the only copy and lets each file go.
            final class Files: @unchecked Sendable { var files: [String: Data] = [:] }
            let box = Files()
            for name in archive.files.keys {
                let lower = name.lowercased()
                if lower.hasPrefix("sources/"), lower.hasSuffix(".txt") { box.files[name] = archive.take(name) }
            }
            DispatchQueue.global().async(group: group) {
                var results: [String: Result<RefiText, Problem>] = [:]
                var refused: [String: Data] = [:]
                while let (name, data) = box.files.popFirst() {
                    let result = RefiText.read(data)
                    results[name] = result
                    if case .failure = result { refused[name] = data }
                }
                (self.results, self.refused) = (results, refused)
            }
        }

        /// The files read, by entry name, once all are; and the bytes of those that
        /// could not be a document's (a note may still be read from them).
        func wait() -> (texts: [String: Result<RefiText, Problem>], refused: [String: Data]) {
            group.wait()
            return (results, refused)
        }
    }
}
