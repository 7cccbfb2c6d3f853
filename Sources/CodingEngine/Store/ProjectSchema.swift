import GRDB

/// The project file's schema as named, ordered migrations.
///
/// A migration, once released, is never edited: a change to the schema is a new
/// migration appended here, so that every older project file can be upgraded.
enum ProjectSchema {
    /// SQLite's `application_id` of an intertwine project ("INTW").
    static let applicationID: Int32 = 0x494E_5457

    /// The migrations' names, oldest first: a team project's server schema is
    /// versioned by the same names.
    static var versions: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, documents, turns, codebook, coders, codings, memos") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE project_info (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE cases (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE case_attributes (
                        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'float', 'boolean', 'date')),
                        value TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (case_id, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        text TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        length INTEGER NOT NULL CHECK (length >= 0),
                        source_path TEXT,
                        imported_at TEXT NOT NULL
                    );
                    CREATE INDEX documents_by_case ON documents(case_id);
                    CREATE INDEX documents_by_sha256 ON documents(sha256);
                    CREATE TABLE document_properties (
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        type TEXT NOT NULL,
                        value TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (document_id, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE turns (
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        idx INTEGER NOT NULL CHECK (idx >= 1),
                        speaker TEXT,
                        start INTEGER NOT NULL,
                        speech_start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        start_time REAL,
                        end_time REAL,
                        PRIMARY KEY (document_id, idx),
                        CHECK (start <= speech_start AND speech_start <= "end")
                    ) WITHOUT ROWID;
                    CREATE TABLE codes (
                        id INTEGER PRIMARY KEY,
                        parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
                        name TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
                        position INTEGER NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        color TEXT NOT NULL,
                        hotkey TEXT UNIQUE,
                        codable INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE UNIQUE INDEX codes_sibling_names ON codes(ifnull(parent_id, 0), name);
                    CREATE TABLE coders (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (name <> '')
                    );
                    CREATE TABLE codings (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        code_id INTEGER NOT NULL REFERENCES codes(id),
                        coder_id INTEGER NOT NULL REFERENCES coders(id),
                        memo TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        CHECK (start >= 0 AND "end" > start),
                        -- Also the index that reads a document's codings coder by coder, in text order.
                        UNIQUE (document_id, coder_id, start, "end", code_id)
                    );
                    CREATE INDEX codings_by_code ON codings(code_id);
                    CREATE TABLE memos (
                        id INTEGER PRIMARY KEY,
                        target TEXT NOT NULL CHECK (target IN ('project', 'case', 'document', 'code')),
                        target_id INTEGER,
                        coder_id INTEGER REFERENCES coders(id),
                        text TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        CHECK ((target = 'project') = (target_id IS NULL))
                    );
                    CREATE INDEX memos_by_target ON memos(target, target_id);
                    """)
        }
        migrator.registerMigration("v2: summaries of case × code cells") { db in
            try db.execute(
                sql: """
                    CREATE TABLE cell_summaries (
                        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
                        text TEXT NOT NULL,
                        coder_id INTEGER REFERENCES coders(id),
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (case_id, code_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3: stable GUIDs and the history of the codebook, cases and documents") { db in
            for table in ["codes", "codings", "documents", "cases", "memos"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN guid TEXT")
            }
            try fillGUIDs(db)
            for table in ["codes", "codings", "documents", "cases", "memos"] {
                try db.execute(sql: "CREATE UNIQUE INDEX \(table)_by_guid ON \(table)(guid)")
            }
            try db.execute(
                sql: """
                    CREATE TABLE history (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        who TEXT NOT NULL,
                        operation TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('code', 'coding', 'case', 'document')),
                        subject TEXT NOT NULL,
                        subject_guid TEXT,
                        before TEXT,
                        after TEXT,
                        codings INTEGER NOT NULL DEFAULT 0,
                        detail TEXT NOT NULL DEFAULT ''
                    );
                    """)
        }
        migrator.registerMigration("v4: saved queries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE queries (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                        expression TEXT NOT NULL,
                        who TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        guid TEXT UNIQUE
                    );
                    """)
        }
        migrator.registerMigration("v5: document sizes read without the text") { db in
            // A covering index: reading a document's length from the table walks the
            // overflow pages of the text stored before it.
            try db.execute(sql: "CREATE INDEX documents_sizes ON documents(case_id, name, length)")
        }
        migrator.registerMigration("v6: a document's codings read in text order from one index") { db in
            // A covering index in the listings' order: a document's codings are read
            // from consecutive index pages, not from table rows scattered wherever each
            // coding was made (a listing spent three quarters of its time on those).
            try db.execute(
                sql: """
                    CREATE INDEX codings_in_text_order ON codings(document_id, start, "end", code_id, coder_id, id, memo, created_at, updated_at, guid)
                    """)
        }
        migrator.registerMigration("v7: blind coding: documents marked done, and whether each coding was made blind") {
            db in
            // independent: 1 when the coding was made while its coder could see no other
            // coder's codings of the document, 0 when they could, NULL when not known (a
            // coding made before this was recorded, or brought in from another tool).
            try db.execute(
                sql: """
                    ALTER TABLE codings ADD COLUMN independent INTEGER CHECK (independent IN (0, 1));
                    CREATE TABLE documents_done (
                        coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        done_at TEXT NOT NULL,
                        PRIMARY KEY (coder_id, document_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v8: decisions settling two coders' disputed stretches") { db in
            // One row per decision on a disputed stretch (see Settlement): the stretch as it
            // was, the two coders compared (first, second), the consensus coder, what was kept
            // and the ranges written as the consensus coder ("start-end,start-end"; empty for
            // neither), who decided, when and why.
            try db.execute(
                sql: """
                    CREATE TABLE settlements (
                        id INTEGER PRIMARY KEY,
                        guid TEXT NOT NULL UNIQUE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        first_coder TEXT NOT NULL,
                        second_coder TEXT NOT NULL,
                        consensus_coder TEXT NOT NULL,
                        decision TEXT NOT NULL CHECK (decision IN ('first', 'second', 'both', 'common', 'neither')),
                        ranges TEXT NOT NULL,
                        why TEXT,
                        who TEXT NOT NULL,
                        at TEXT NOT NULL,
                        CHECK (start >= 0 AND "end" > start)
                    );
                    CREATE INDEX settlements_by_document ON settlements(document_id, code_id);
                    """)
        }
        migrator.registerMigration(
            "v9: codings an AI assistant proposed, with their provenance and the decisions on them"
        ) {
            db in
            // One row per coding an assistant proposed (its coder is `assistant:NAME`):
            // who asked for it (requested_by: the person running the assistant), the client
            // and model that made it, the model's reason and confidence, when, and the
            // SHA-256 of the request that carried it; then the researcher's decision
            // (pending, accepted, rejected), by whom, when, why, and the coding made from it
            // on acceptance (accepted_as, a person's coding).
            try db.execute(
                sql: """
                    CREATE TABLE proposals (
                        coding_id INTEGER PRIMARY KEY REFERENCES codings(id) ON DELETE CASCADE,
                        requested_by TEXT NOT NULL,
                        client TEXT NOT NULL,
                        client_version TEXT NOT NULL,
                        model TEXT,
                        reason TEXT NOT NULL,
                        confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
                        request_sha256 TEXT NOT NULL,
                        proposed_at TEXT NOT NULL,
                        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
                        decided_by TEXT,
                        decided_at TEXT,
                        why TEXT,
                        accepted_as INTEGER REFERENCES codings(id) ON DELETE SET NULL
                    );
                    CREATE INDEX proposals_by_status ON proposals(status, confidence);
                    CREATE INDEX proposals_accepted_as ON proposals(accepted_as) WHERE accepted_as IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v10: the pseudonym table: real names and what is written in their place") { db in
            // One row per real string (stored composed, NFC) and the pseudonym that replaces it
            // in a pseudonymised export; the transcripts themselves are never changed.
            try db.execute(
                sql: """
                    CREATE TABLE pseudonyms (
                        id INTEGER PRIMARY KEY,
                        real TEXT NOT NULL UNIQUE,
                        pseudonym TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('person', 'firm', 'place', 'other')),
                        who TEXT NOT NULL,
                        at TEXT NOT NULL,
                        CHECK (real <> '' AND pseudonym <> '')
                    );
                    """)
        }
        return migrator
    }

    /// Gives an older project's records their GUIDs: the ones its exports carried
    /// (derived from the project's creation time and what each record is), so a
    /// project exported before and after the upgrade names its records alike.
    static func fillGUIDs(_ db: Database) throws {
        let seed =
            try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'created_at'") ?? "intertwine"
        func fill(_ table: String, kind: String, _ keys: [(Int64, String)]) throws {
            let update = try db.makeStatement(sql: "UPDATE \(table) SET guid = ? WHERE id = ?")
            for (id, key) in keys { try update.execute(arguments: [GUID.named(seed: seed, kind: kind, key: key), id]) }
        }
        let codebook = try Project.loadCodebook(db)
        try fill("codes", kind: "code", codebook.codes.map { ($0.id, $0.path) })
        // Codes below the depth limit are not in the codebook read; they still get one.
        try fill(
            "codes", kind: "code",
            try Row.fetchAll(db, sql: "SELECT id FROM codes WHERE guid IS NULL").map {
                ($0["id"], "#\($0["id"] as Int64)")
            })
        try fill(
            "documents", kind: "source",
            try Row.fetchAll(db, sql: "SELECT id, name FROM documents").map { ($0["id"], $0["name"]) })
        try fill(
            "cases", kind: "case",
            try Row.fetchAll(db, sql: "SELECT id, name FROM cases").map { ($0["id"], $0["name"]) })
        try fill(
            "memos", kind: "note",
            try Row.fetchAll(db, sql: "SELECT id FROM memos").map { ($0["id"], String($0["id"] as Int64)) })
        let codings = try Row.fetchAll(
            db,
            sql: """
                SELECT k.id, d.name AS document, k.start, k."end", k.code_id, c.name AS coder
                FROM codings k JOIN documents d ON d.id = k.document_id JOIN coders c ON c.id = k.coder_id
                """)
        try fill(
            "codings", kind: "coding",
            codings.map { row in
                let path = codebook.code(id: row["code_id"])?.path ?? "#\(row["code_id"] as Int64)"
                return (
                    row["id"],
                    "\(row["document"] as String)|\(row["start"] as Int)|\(row["end"] as Int)|\(path)|\(row["coder"] as String)"
                )
            })
    }
}
