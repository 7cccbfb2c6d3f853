import Crypto
import Foundation
import GRDB

/// The stable identities of a project's codes, codings, documents, cases and memos:
/// RFC 4122 GUIDs, lowercase, without braces, as REFI-QDA writes them. A GUID never
/// changes when its record is renamed, moved or merged into; exports write it and
/// imports keep the file's, so a code is the same code in every copy of a project.
public enum GUID {
    /// A new random GUID (version 4).
    public static func random() -> String { UUID().uuidString.lowercased() }

    /// A GUID derived from a project's seed, a kind of record and its key (version 5
    /// style): what the first exports wrote, so that a project upgraded to stored
    /// GUIDs keeps the GUIDs its earlier exports carried.
    public static func named(seed: String, kind: String, key: String) -> String {
        var bytes = Array(SHA256.hash(data: Array("\(seed)\u{1F}\(kind)\u{1F}\(key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `guid` when no record of `table` has it yet, else nil (a new one is made): a
    /// file's GUID is kept unless the project already uses it for something else.
    static func unused(_ guid: String?, in table: String, _ db: Database) throws -> String? {
        guard let guid = guid.flatMap(normalized) else { return nil }
        let taken =
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE guid = ?"), arguments: [guid])
            ?? false
        return taken ? nil : guid
    }

    /// `text` as a stored GUID (braces removed, lowercase), or nil when it is not one:
    /// REFI-QDA allows `{...}` and either case, and GUIDs are compared without case.
    public static func normalized(_ text: String) -> String? {
        // On the UTF-8 bytes: a GUID is ASCII, and this runs several times per coding
        // of an import. One already stored as it should be is returned as it is.
        enum Verdict { case notAGUID, stored, lowered(String) }
        var text = text
        let verdict = text.withUTF8 { bytes -> Verdict in
            var slice = bytes[...]
            let braced = slice.count >= 2 && slice.first == UInt8(ascii: "{") && slice.last == UInt8(ascii: "}")
            if braced { slice = slice.dropFirst().dropLast() }
            guard slice.count == 36 else { return .notAGUID }
            var capitals = false
            for (index, byte) in slice.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return .notAGUID }
                } else if byte >= 0x41, byte <= 0x46 {
                    capitals = true
                } else {
                    guard byte >= 0x30 && byte <= 0x39 || byte >= 0x61 && byte <= 0x66 else { return .notAGUID }
                }
            }
            guard braced || capitals else { return .stored }
            return .lowered(
                String(unsafeUninitializedCapacity: 36) { out in
                    for (index, byte) in slice.enumerated() {
                        out[index] = byte >= 0x41 && byte <= 0x46 ? byte + 0x20 : byte
                    }
                    return 36
                })
        }
        switch verdict {
        case .notAGUID: return nil
        case .stored: return text
        case .lowered(let guid): return guid
        }
    }
}

extension Project {
    /// The kinds of record that have GUIDs.
    public enum Identified: String, Sendable { case codes, codings, documents, cases, memos }

    /// Every record's GUID of one kind, by the record's id (what exports write).
    public func guids(of kind: Identified) throws -> [Int64: String] {
        try read { db in
            var result: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, guid FROM \(kind.rawValue)") {
                if let guid: String = row["guid"] { result[row["id"]] = guid }
            }
            return result
        }
    }
}
