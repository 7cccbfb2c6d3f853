import Foundation
import GRDB

/// The project's pseudonym table, its one writer, and whether exports are
/// pseudonymised by default.
extension Project {
    /// The pseudonym table, longest real string first (the order names are matched in).
    public func pseudonyms() throws -> [Pseudonym] {
        try read { db in try Self.pseudonyms(db) }
    }

    static func pseudonyms(_ db: Database) throws -> [Pseudonym] {
        try Row.fetchAll(
            db, sql: "SELECT real, pseudonym, kind, who, at FROM pseudonyms ORDER BY length(real) DESC, real"
        )
        .map { row in
            Pseudonym(
                real: row["real"], pseudonym: row["pseudonym"], kind: Pseudonym.Kind(rawValue: row["kind"]) ?? .other,
                who: row["who"], at: row["at"])
        }
    }

    /// What pseudonymises this project's texts: its table's entries.
    public func pseudonymiser() throws -> Pseudonymiser { Pseudonymiser(try pseudonyms()) }

    /// Adds `real` → `pseudonym` to the table. The real string is stored composed
    /// (NFC) and must begin and end with a letter or digit (names are matched as whole
    /// words); it may not be in the table already, and no pseudonym may contain a real
    /// name, or a pseudonymised export would still carry it.
    @discardableResult
    public func addPseudonym(real: String, pseudonym: String, kind: Pseudonym.Kind, who: String) throws -> Pseudonym {
        let real = real.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let pseudonym = pseudonym.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        func refuse(_ problem: String) -> EngineError { .pseudonymRefused(real: real, problem: problem) }
        guard let first = real.first, let last = real.last else { throw refuse("a real name cannot be empty") }
        guard Pseudonym.isWordCharacter(first), Pseudonym.isWordCharacter(last) else {
            throw refuse("a real name must begin and end with a letter or digit (names are matched as whole words)")
        }
        guard !pseudonym.isEmpty else { throw refuse("its pseudonym cannot be empty") }
        guard !real.contains(where: \.isNewline), !pseudonym.contains(where: \.isNewline) else {
            throw refuse("a name and its pseudonym are each one line")
        }
        guard real != pseudonym else { throw refuse("its pseudonym must differ from it") }
        // Nothing CSV, JSON, Markdown, HTML or XML treat specially: a pseudonym can be put
        // into any output as it is.
        if let bad = pseudonym.first(where: { Pseudonym.reservedCharacters.contains($0) }) {
            let all = Pseudonym.reservedCharacters.map { String($0) }.joined(separator: " ")
            throw refuse(
                "a pseudonym cannot hold \"\(bad)\": CSV, JSON, Markdown, HTML and XML treat it specially (as they do \(all)); choose another, with spaces or hyphens instead"
            )
        }
        return try write { db in
            try Self.refusePulledCopy(db, real)
            let table = try Self.pseudonyms(db)
            if let existing = table.first(where: { $0.real == real }) {
                throw refuse(
                    "already in the table as \"\(existing.pseudonym)\"; remove it first (`intertwine pseudonym remove \"\(existing.real)\"`) to change it"
                )
            }
            let entry = Pseudonym(real: real, pseudonym: pseudonym, kind: kind, who: who, at: Timestamp.now())
            let all = Pseudonymiser(table + [entry])
            if let carried = all.pseudonymise(pseudonym).replacements.first {
                throw refuse(
                    "its pseudonym \"\(pseudonym)\" contains the real name \"\(carried.real)\"; choose another")
            }
            if let holder = table.first(where: {
                !Pseudonymiser([entry]).pseudonymise($0.pseudonym).replacements.isEmpty
            }) {
                throw refuse(
                    "it is in the pseudonym \"\(holder.pseudonym)\" of \"\(holder.real)\"; change that one first")
            }
            try db.execute(
                sql: "INSERT INTO pseudonyms (real, pseudonym, kind, who, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [entry.real, entry.pseudonym, entry.kind.rawValue, entry.who, entry.at])
            return entry
        }
    }

    /// Removes `real` from the table (matched as the table's names are: canonically
    /// equivalent forms alike) and returns what it was.
    @discardableResult
    public func removePseudonym(real: String) throws -> Pseudonym {
        let real = real.trimmingCharacters(in: .whitespacesAndNewlines)
        return try write { db in
            try Self.refusePulledCopy(db, real)
            let table = try Self.pseudonyms(db)
            guard let entry = table.first(where: { $0.real == real }) else {
                throw EngineError.unknownPseudonym(real: real, known: table.count)
            }
            try db.execute(sql: "DELETE FROM pseudonyms WHERE real = ?", arguments: [entry.real])
            return entry
        }
    }

    /// A copy pulled from a team project takes the team's table at each sync, so it is
    /// changed on the team project, where a sync brings it from.
    private static func refusePulledCopy(_ db: Database, _ real: String) throws {
        guard let point = try SyncPoint.stored(db) else { return }
        throw EngineError.pseudonymRefused(
            real: real,
            problem:
                "this file is a copy pulled from the team project \(point.address), whose pseudonym table it takes at each sync: change the table there (`intertwine pseudonym ... --project \(point.address)`, a lead's to change)"
        )
    }

    /// Whether every export, report and answer to an assistant is pseudonymised
    /// without being asked (`intertwine pseudonym always`).
    public func pseudonymisesByDefault() throws -> Bool {
        try info("pseudonymise") == "always"
    }

    /// Makes pseudonymised output the default, or not.
    public func setPseudonymisesByDefault(_ always: Bool) throws {
        try setInfo("pseudonymise", always ? "always" : "on request")
    }
}
